/**
 * Every redis-cli (valkey-cli, keydb-cli) call names the Redis it talks to:
 * `-p PORT` (a number or a variable), `-s SOCKET`, or `-u URI` with a port in
 * it (`redis://host` and `redis://$REDIS_HOST/0` alone mean 6379) or held in
 * a variable. `--cluster <command>` names its nodes as host:port (or host
 * port) in its arguments; `--version` and `--help` connect nowhere. Read as
 * redis-cli 7 reads its arguments (redis-cli-call.ts): `-p6380` and `--port`
 * are not options (redis-cli stops: "Unrecognized option"), and a `-p` after
 * the Redis command is sent to Redis as an argument while the call goes to
 * 6379. No REDISCLI_* variable sets the port (redis-cli reads REDISCLI_AUTH,
 * REDISCLI_HISTFILE, REDISCLI_RCFILE, REDISCLI_CLUSTER_YES), so one in front
 * names nothing. Calls inside ssh, bash -c, sudo, docker exec and xargs count.
 */
import { commandName } from '../../shell/command-name.ts';
import { possibleValues, type Variables } from '../../shell/variables.ts';
import type { CommandSite } from '../../shell/walk.ts';
import { optionValue, type RedisCliCall, redisCliCall } from '../redis-cli-call.ts';
import { defineRule } from '../rule.ts';
import { siteFindings } from '../site-findings.ts';

const defaultPort = 'the default 6379 may be another Redis';

const scheme = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `host:6380`, `$H:$P`, `[::1]:6380` name a port; `host`, `${H:-cache}` and `[::1]` do not. */
function hasPort(hostPort: string): boolean {
  const host = hostPort.replace(/\$\{[^}]*\}/g, 'x');
  return /:[^:\]]+$/.test(host.startsWith('[') ? host.slice(host.indexOf(']')) : host);
}

/** `redis://user:pw@host:6380/0` has a port; `redis://:pw@host/0` and `redis://[::1]` do not. */
function uriHasPort(uri: string): boolean {
  const authority = uri.replace(scheme, '').split('/')[0] ?? '';
  return hasPort(authority.slice(authority.lastIndexOf('@') + 1));
}

/** A URI without a port, as the block sets it or, when not known, as written (`redis://$REDIS_HOST/0`). */
function uriWithoutPort(call: RedisCliCall, variables: Variables): string | null {
  const uri = optionValue(call, '-u');
  if (!uri) return null;
  const values = possibleValues(uri, variables).map((value) => value ?? uri.value);
  return values.find((value) => scheme.test(value) && !uriHasPort(value)) ?? null;
}

/** A cluster command takes its node as host:port or as host and port (`getClusterHostFromCmdArgs`); `help` takes none. */
function clusterWithoutPort(cluster: NonNullable<RedisCliCall['cluster']>): boolean {
  const [node, port] = cluster.args;
  if (cluster.command.value === 'help') return false;
  return !node || !(hasPort(node.value) || /^(\d+|\$\{?\w+\}?)$/.test(port?.value ?? ''));
}

function problem(site: CommandSite, variables: Variables): string | null {
  const call = redisCliCall(site.command);
  if (!call) return null;
  const name = commandName(site.command);
  if (optionValue(call, '--version', '-v', '--help') !== undefined) return null;
  if (call.cluster)
    return clusterWithoutPort(call.cluster)
      ? `${name} --cluster ${call.cluster.command.value} names no port, and ${name} stops ("Invalid address format"): give the node as host:port (\`${name} --cluster ${call.cluster.command.value} "$REDIS_HOST:$REDIS_PORT"\`)`
      : null;
  const glued = call.refused.find((word) => /^(-p.|--port)/.test(word.value));
  if (glued)
    return `\`${glued.value}\` is not a ${name} option (it stops with "Unrecognized option"): write \`${name} -p ${glued.value.replace(/^(-p|--port=?)/, '') || '"$REDIS_PORT"'} …\``;
  const withoutPort = optionValue(call, '-p') ? null : uriWithoutPort(call, variables);
  if (withoutPort)
    return `${name} -u ${withoutPort} names no port, so it connects to 6379 and ${defaultPort}: write the port in the URI (redis://127.0.0.1:$REDIS_PORT)`;
  if (optionValue(call, '-p', '-s', '-u')) return null;
  const late = call.command.find((word) => word.value === '-p' || word.value === '-s' || word.value === '-u');
  if (late)
    return `${name} reads options only before the Redis command: \`${late.value}\` after \`${call.command[0]?.value}\` is sent to Redis as an argument and the call goes to 6379; write \`${name} -p "$REDIS_PORT" ${call.command[0]?.value} …\``;
  return `${name} without -p: name the port (\`${name} -p "$REDIS_PORT" …\`), ${defaultPort}`;
}

export const redisCliPort = defineRule({
  id: 'redis-cli-port',
  description: 'Every redis-cli names its port (-p), socket (-s) or a URI with a port (-u): the default 6379 may be another Redis',
  severity: 'error',
  check(runbook) {
    return siteFindings(runbook, this.id, (site, { variables }) => problem(site, variables));
  },
});
