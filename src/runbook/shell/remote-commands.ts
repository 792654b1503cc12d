/**
 * Commands that run a shell string on other hosts: `ssh host '…'` and `ssh
 * host -- cmd args` (ssh joins the words with spaces for the remote shell),
 * the multi-host runners `pdsh -w app[1-3] cmd`, `clush -w …`, `pssh -h hosts
 * '…'`, and `ansible all -m shell -a '…'`. With no remote command, ssh and
 * pdsh read the commands from standard input (`ssh host <<'EOF'`).
 */
import { type CommandString, stringOfInput, stringOfWords } from './command-string.ts';
import type { KnownInput } from './known-input.ts';
import { readOptions } from './read-options.ts';
import type { ShellWord } from './shell-model.ts';

const letters = (valued: string) => [...valued].map((letter) => `-${letter}`);

interface Runner {
  /** Options that take a value (each tool's manual page); every other one is a flag. */
  readonly valued: readonly string[];
  /** The first operand is the host (ssh); the others name their hosts with options. */
  readonly hostOperand?: boolean;
}

const pssh: Runner = {
  valued: [
    ...letters('hHlpoetOxX'),
    '--hosts',
    '--host',
    '--user',
    '--par',
    '--outdir',
    '--errdir',
    '--timeout',
    '--option',
    '--extra-args',
    '--extra-arg',
  ],
};

const runners: Readonly<Record<string, Runner>> = {
  ssh: { valued: letters('BbcDEeFIiJLlmOoPpQRSWw'), hostOperand: true },
  pdsh: { valued: letters('wxgXRfltuM') },
  clush: { valued: [...letters('wxgXfltuoRO'), '--nodes', '--exclude', '--group', '--fanout', '--user', '--options', '--worker'] },
  pssh,
  'parallel-ssh': pssh,
};

/** ansible's modules whose `-a` is a command line. */
const commandModules = /^(ansible\.builtin\.)?(command|shell|raw)$/;
const ansibleValued = [
  ...letters('amiueflTtBPMc'),
  ...'--args --module-name --inventory --user --extra-vars --forks --limit --timeout --background --poll --tree --module-path --connection --become-user --become-method --private-key --vault-id --vault-password-file'.split(
    ' ',
  ),
];

function ansibleString(args: readonly ShellWord[]): CommandString | null {
  const { options } = readOptions(args, ansibleValued, true);
  const last = (...names: string[]) => options.filter((option) => names.includes(option.name)).at(-1)?.value;
  const module = last('-m', '--module-name')?.value ?? 'command';
  const command = last('-a', '--args');
  return command && commandModules.test(module) ? stringOfWords(`ansible -m ${module}`, [command]) : null;
}

/** The shell string a remote runner runs, or null when the command is none of them or runs nothing. */
export function remoteString(base: string, args: readonly ShellWord[], input: KnownInput | null): CommandString | null {
  if (base === 'ansible') return ansibleString(args);
  const runner = runners[base];
  if (!runner) return null;
  const { start } = readOptions(args, runner.valued);
  if (runner.hostOperand && start >= args.length) return null;
  const command = args.slice(start + (runner.hostOperand ? 1 : 0));
  const words = command[0]?.value === '--' ? command.slice(1) : command;
  return words.length > 0 ? stringOfWords(base, words) : stringOfInput(base, input);
}
