/**
 * What a command prints, when it is known before the script runs: `echo
 * 'iptables -F'`, `printf '%s\n' 'a' 'b'`, `printf 'a\nb\n'`, `cat <<'EOF'`.
 * Piped into a shell (`echo '…' | sudo sh`), it is the shell's script.
 */
import { commandName } from './command-name.ts';
import { type KnownInput, redirectedInput } from './known-input.ts';
import type { ShellWord, Statement } from './shell-model.ts';

const escapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\' };
const interpretEscapes = (text: string) => text.replace(/\\([nt\\])/g, (_, c: string) => escapes[c]!);

function joined(words: readonly ShellWord[], separator: string, line: number): KnownInput {
  return { source: words.map((word) => word.value).join(separator), line: words[0]?.line ?? line, oneLine: separator === '\n' };
}

function echoed(args: readonly ShellWord[], line: number): KnownInput {
  let start = 0;
  while (args[start] && /^-[neE]+$/.test(args[start]!.value)) start++;
  const printed = joined(args.slice(start), ' ', line);
  const interpreted = args.slice(0, start).some((flag) => flag.value.includes('e'));
  return interpreted ? { ...printed, source: interpretEscapes(printed.source), oneLine: true } : printed;
}

/** printf with only a format, or `%s\n` (`%s` alone prints the words run together: not read). */
function printfed(args: readonly ShellWord[], line: number): KnownInput | null {
  const [format, ...rest] = args;
  if (!format) return null;
  if (rest.length === 0) return { source: interpretEscapes(format.value).replaceAll('%%', '%'), line: format.line, oneLine: true };
  return /^%s\\n$/.test(format.value) ? joined(rest, '\n', line) : null;
}

export function printedText(statement: Statement): KnownInput | null {
  if (statement.kind !== 'command') return null;
  const name = commandName(statement);
  if (name === 'echo') return echoed(statement.args, statement.line);
  if (name === 'printf') return printfed(statement.args, statement.line);
  if (name === 'cat' && statement.args.length === 0) return redirectedInput(statement.redirects);
  return null;
}
