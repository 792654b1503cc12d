/**
 * Commands that run another command given as their arguments — `sudo -u ats
 * pm2 restart all`, `timeout 5 redis-cli …`, `xargs redis-cli del` — and how
 * to find it: the options to skip (those taking a value are listed, the rest
 * are flags) and the operands before it (timeout's duration, docker exec's
 * container).
 */
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
  },
  doas: { valued: ['-u', '-C'] },
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

/** True when `word` is option `option` (`-u`, `--user`) with its value glued on (`-uats`, `--user=ats`). */
const glued = (word: string, option: string) =>
  option.startsWith('--') ? word.startsWith(`${option}=`) : word.startsWith(option) && word.length > option.length;

/** Index of the first word after the options (and `--`); -1 when an inert option means nothing runs. */
export function afterOptions(words: readonly ShellWord[], spec: WrapperSpec): number {
  if (spec.afterDashDash) return words.findIndex((word) => word.value === '--') + 1 || words.length;
  let index = 0;
  while (index < words.length) {
    const word = words[index]!.value;
    if (word === '--') return index + 1;
    if (spec.assignments && /^[A-Za-z_]\w*=/.test(word)) index++;
    else if (!word.startsWith('-') || word === '-') return index;
    else if (spec.inert?.includes(word)) return -1;
    else if (spec.valued.includes(word)) index += 2;
    else if (spec.valued.some((option) => glued(word, option))) index++;
    else index++;
  }
  return index;
}
