/**
 * A literal password given on standard input to a command that reads one
 * there: `echo 'pw' | sudo -S …`, `sudo --stdin … <<< pw`, `printf pw |
 * docker login --password-stdin`, `echo 'user:pw' | chpasswd`, or to a
 * command that passes its input on to one (`echo pw | ssh host 'sudo -S …'`,
 * `timeout 5 sudo -S`, `bash -c 'cd x && sudo -S …'`). The password
 * is the text an `echo`/`printf` before it prints, or its here-string or
 * here-document; `echo "$PW" |` and `op read … |` give none.
 */
import { commandName } from '../shell/command-name.ts';
import { inputReaders } from '../shell/input-readers.ts';
import { printedText, redirectedInput } from '../shell/known-input.ts';
import type { SimpleCommand, Statement } from '../shell/shell-model.ts';
import { wrappers } from '../shell/wrappers.ts';
import { isReference } from './credential-text.ts';
import { knownLines } from './known-lines.ts';
import type { Credential } from './shell-credentials.ts';

interface PasswordReader {
  /** `sudo -S`, `docker --password-stdin`, `chpasswd`. */
  readonly name: string;
  /** The password in one line of its input. */
  readonly secretOf: (line: string) => string;
}

const whole = (line: string) => line;

/** sudo's option that makes it read the password from standard input, among the options before its command. */
function sudoStdinOption(args: readonly string[]): string | undefined {
  const valued = wrappers.sudo?.valued ?? [];
  for (let index = 0; index < args.length && args[index]!.startsWith('-') && args[index] !== '--'; index++) {
    const arg = args[index]!;
    if (arg === '--stdin') return arg;
    if (/^-[a-zA-Z]+$/.test(arg) && arg.includes('S')) return '-S';
    if (valued.includes(arg) || (/^-[a-zA-Z]+$/.test(arg) && valued.includes(`-${arg.at(-1)}`))) index++;
  }
  return undefined;
}

export function passwordReader(command: SimpleCommand): PasswordReader | null {
  const name = commandName(command);
  const args = command.args.map((arg) => arg.value);
  if (args.includes('--password-stdin')) return { name: `${name} --password-stdin`, secretOf: whole };
  if (name === 'chpasswd') return { name, secretOf: (line) => line.slice(line.indexOf(':') + 1) };
  if (name === 'passwd' && args.includes('--stdin')) return { name: 'passwd --stdin', secretOf: whole };
  const option = name === 'sudo' ? sudoStdinOption(args) : undefined;
  if (option) return { name: `sudo ${option}`, secretOf: whole };
  // What it runs gets its input too: `sudo -u ats sudo -S …`, `ssh host 'sudo -S …'`, `bash -c 'cd x && sudo -S …'`.
  const inner = command.nested && !command.nested.fromInput ? inputReaders(command.nested.script.statements) : [];
  return inner.map(passwordReader).find((reader) => reader !== null) ?? null;
}

/** Literal passwords fed to the command, from the statement before it in a pipeline (if any) or its own redirects. */
export function inputCredentials(command: SimpleCommand, before: Statement | undefined): Credential[] {
  const reader = passwordReader(command);
  if (!reader) return [];
  const lines = [...knownLines(before ? printedText(before) : null), ...knownLines(redirectedInput(command.redirects))];
  return lines
    .filter(({ text }) => text.trim() !== '' && !isReference(reader.secretOf(text.trim())))
    .map(({ line }) => ({ line, name: reader.name }));
}
