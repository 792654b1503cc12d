/**
 * A redis-cli call read as redis-cli 7 reads its arguments (redis-cli.c,
 * parseOptions): options first, each exactly as spelled (`-p 6380`; `-p6380`
 * is "Unrecognized option", and redis-cli exits), then the Redis command and
 * its arguments. Options after the command are the command's arguments:
 * `redis-cli ping -p 6380` sends `PING -p 6380` to port 6379. `--cluster
 * <command>` takes the words after it up to the next option as the cluster
 * command's arguments (`--cluster create h1:7000 h2:7000 --cluster-replicas 1`).
 * In cluster mode the only Redis command is the one `--cluster call
 * host:port CMD args…` runs on every node (clusterManagerCommandCall); other
 * cluster commands send none, whatever words are left.
 */
import { commandName } from '../shell/command-name.ts';
import type { ShellWord, SimpleCommand } from '../shell/shell-model.ts';

export const redisClients = new Set(['redis-cli', 'valkey-cli', 'keydb-cli']);

/** Options that take the next word as their value (`redis-cli --help`, 7.0; -t and -X from 7.2). */
const valued = new Set(
  '-h -p -s -a -u -r -i -n -d -D -t -X --user --pass --sni --cacert --cacertdir --cert --key --tls-ciphers --tls-ciphersuites --show-pushes --rdb --functions-rdb --pipe-timeout --memkeys-samples --pattern --quoted-pattern --count --intrinsic-latency --eval --lru-test --cluster-replicas --cluster-master-id --cluster-from --cluster-to --cluster-from-user --cluster-from-pass --cluster-slots --cluster-timeout --cluster-pipeline --cluster-threshold --cluster-weight'.split(
    ' ',
  ),
);
const flags = new Set(
  '-2 -3 -x -c -e -v --askpass --tls --insecure --raw --no-raw --quoted-input --csv --json --quoted-json --stat --latency --latency-history --latency-dist --replica --pipe --bigkeys --memkeys --hotkeys --scan --ldb --ldb-sync-mode --verbose --no-auth-warning --help --version --cluster-only-masters --cluster-only-replicas --cluster-copy --cluster-replace --cluster-use-empty-masters --cluster-search-multiple-owners --cluster-fix-with-unreachable-masters --cluster-yes --cluster-from-askpass'.split(
    ' ',
  ),
);

export interface RedisCliOption {
  readonly name: string;
  readonly value: ShellWord | null;
  readonly line: number;
}

export interface RedisCliCall {
  readonly options: readonly RedisCliOption[];
  /** Words redis-cli refuses as options (`-p6380`, a valued option with nothing after it): it exits before connecting. */
  readonly refused: readonly ShellWord[];
  /** The Redis command and its arguments (empty: commands come from standard input, or an interactive session, or a cluster command other than `call`). */
  readonly command: readonly ShellWord[];
  /** `--cluster check host:port`: the cluster manager's command and its arguments. */
  readonly cluster: { readonly command: ShellWord; readonly args: readonly ShellWord[] } | null;
}

/** `--cluster <command> args…`: the arguments are the words up to the next option. */
function clusterAt(args: readonly ShellWord[], index: number): { command: ShellWord; args: ShellWord[] } {
  let end = index + 2;
  while (end < args.length && !args[end]!.value.startsWith('-')) end++;
  return { command: args[index + 1]!, args: args.slice(index + 2, end) };
}

/** `--cluster call host:port CMD args…`: CMD and its arguments (the node is always one host:port word). */
const clusterCall = (cluster: NonNullable<RedisCliCall['cluster']>) => (cluster.command.value === 'call' ? cluster.args.slice(1) : []);

export function redisCliCall(command: SimpleCommand): RedisCliCall | null {
  if (!redisClients.has(commandName(command))) return null;
  const options: RedisCliOption[] = [];
  const refused: ShellWord[] = [];
  let cluster: RedisCliCall['cluster'] = null;
  const args = command.args;
  let index = 0;
  for (; index < args.length; index++) {
    const word = args[index]!;
    if (!word.value.startsWith('-') || word.value === '-') break;
    const last = index === args.length - 1;
    if (word.value === '--cluster' && !last) {
      cluster = clusterAt(args, index);
      index += 1 + cluster.args.length;
    } else if (valued.has(word.value) && !last) options.push({ name: word.value, value: args[++index]!, line: word.line });
    else if (flags.has(word.value)) options.push({ name: word.value, value: null, line: word.line });
    else refused.push(word);
  }
  return { options, refused, command: cluster ? clusterCall(cluster) : args.slice(index), cluster };
}

/** The value of the last time an option is given (redis-cli keeps the last), or undefined. */
export function optionValue(call: RedisCliCall, ...names: string[]): ShellWord | null | undefined {
  const found = call.options.filter((option) => names.includes(option.name)).at(-1);
  return found === undefined ? undefined : found.value;
}
