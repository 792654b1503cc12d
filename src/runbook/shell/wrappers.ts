/**
 * Commands that run another command given as their arguments — `sudo -iu ats
 * pm2 restart all`, `runuser -u ats -- pm2 …`, `timeout 5 redis-cli …`,
 * `xargs redis-cli del`, `sshpass -e ssh host '…'` — and how to find it: the
 * options to skip (those taking a value are listed, the rest are flags;
 * read-options.ts reads clusters like `-iu ats`) and the operands before it
 * (timeout's duration, docker exec's container).
 */
import { type GivenOption, optionsAt } from './read-options.ts';
import type { ShellWord } from './shell-model.ts';

export interface WrapperSpec {
  /** Options whose value is the next word (or glued on: `-uats`, `--user=ats`). */
  readonly valued: readonly string[];
  /** Words between the options and the command: timeout's duration, docker exec's container. */
  readonly operands?: number;
  /** `NAME=value` words before the command are its environment (env). */
  readonly assignments?: boolean;
  /** The command comes only after `--` (kubectl exec). */
  readonly afterDashDash?: boolean;
  /** It appends words read from standard input to the command (xargs). */
  readonly argumentsFromInput?: boolean;
  /** With one of these options it runs nothing (`command -v`). */
  readonly inert?: readonly string[];
  /** It runs a command of words only with one of these options (`runuser -u`; without, it is su: command-strings.ts). */
  readonly requires?: readonly string[];
  /** With one of these and no command it runs a login shell, which reads standard input (`sudo -i <<EOF`). */
  readonly shell?: readonly string[];
  /** Options whose value, if any, is glued on (`sshpass -eSSHPASS_APP`): the rest of the word is never a cluster. */
  readonly gluedValue?: readonly string[];
}

const xargs: WrapperSpec = {
  valued: ['-I', '-n', '-P', '-L', '-d', '-s', '-a', '-E', '--max-args', '--max-procs', '--max-lines', '--delimiter', '--arg-file'],
  argumentsFromInput: true,
};
const containerExec: WrapperSpec = {
  valued: ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys', '--index'],
  operands: 1,
};

export const wrappers: Readonly<Record<string, WrapperSpec>> = {
  sudo: {
    valued: ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir', '--role'],
    assignments: true,
    shell: ['-i', '-s', '--login', '--shell'],
  },
  runuser: {
    valued: ['-u', '--user', '-g', '--group', '-G', '--supp-group', '-s', '--shell', '-w', '--whitelist-environment'],
    requires: ['-u', '--user'],
  },
  gosu: { valued: [], operands: 1 },
  'su-exec': { valued: [], operands: 1 },
  chroot: { valued: ['--userspec', '--groups'], operands: 1 },
  nsenter: { valued: ['-t', '--target', '-S', '--setuid', '-G', '--setgid'] },
  'systemd-run': {
    valued: [
      '-u',
      '--unit',
      '-p',
      '--property',
      '-E',
      '--setenv',
      '-M',
      '--machine',
      '-H',
      '--host',
      '--uid',
      '--gid',
      '--slice',
      '--description',
    ],
  },
  doas: { valued: ['-u', '-C'] },
  // sshpass(1): the password from -p, a file (-f), a descriptor (-d) or the environment (-e[VAR]).
  sshpass: { valued: ['-p', '-f', '-d', '-P'], gluedValue: ['-e'], inert: ['-h', '-V'] },
  env: { valued: ['-u', '--unset', '-C', '--chdir'], assignments: true },
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  exec: { valued: ['-a'] },
  nohup: { valued: [] },
  setsid: { valued: [] },
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '-n', '--class', '--classdata'] },
  stdbuf: { valued: ['-i', '-o', '-e'] },
  time: { valued: ['-f', '-o'] },
  command: { valued: [], inert: ['-v', '-V'] },
  npx: { valued: ['-p', '--package'] },
  xargs,
  'docker exec': containerExec,
  'podman exec': containerExec,
  'docker compose exec': containerExec,
  'docker-compose exec': containerExec,
  'kubectl exec': { valued: [], afterDashDash: true },
};

/** The wrapper a command is, by the basename of its name (and subcommands: `docker exec`), with its words after that. */
export function wrapperOf(name: string, args: readonly ShellWord[]): { via: string; spec: WrapperSpec; rest: readonly ShellWord[] } | null {
  const base = name.slice(name.lastIndexOf('/') + 1);
  for (let depth = 2; depth >= 0; depth--) {
    const via = [base, ...args.slice(0, depth).map((arg) => arg.value)].join(' ');
    const spec = wrappers[via];
    if (spec) return { via, spec, rest: args.slice(depth) };
  }
  return null;
}

export interface WrapperOptions {
  /** Index of the first word after the options (and `--`). */
  readonly start: number;
  readonly options: readonly GivenOption[];
}

/** The wrapper's options and where the words after them start; null when its options mean it runs no command of words (`command -v`, `runuser` without -u). */
export function afterOptions(words: readonly ShellWord[], spec: WrapperSpec): WrapperOptions | null {
  if (spec.afterDashDash) return { start: words.findIndex((word) => word.value === '--') + 1 || words.length, options: [] };
  const options: GivenOption[] = [];
  let index = 0;
  while (index < words.length) {
    if (words[index]!.value === '--') {
      index++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_]\w*=/.test(words[index]!.value)) {
      index++;
      continue;
    }
    const glued = spec.gluedValue?.find((name) => words[index]!.value.startsWith(name));
    const found = glued
      ? { options: [{ name: glued, value: null, word: words[index]! }], next: index + 1 }
      : optionsAt(words, index, spec.valued);
    if (!found) break;
    options.push(...found.options);
    index = found.next;
  }
  const given = (names: readonly string[] | undefined) => options.some((option) => names?.includes(option.name));
  if (given(spec.inert) || (spec.requires && !given(spec.requires))) return null;
  return { start: Math.min(index, words.length), options };
}
