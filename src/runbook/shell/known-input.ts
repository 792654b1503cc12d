/**
 * Text known before the script runs that reaches a command's standard input:
 * a here-document or here-string (`bash <<'EOF'`, `sudo su - ats <<EOF`), what
 * an `echo`/`printf` before it in a pipeline prints (`echo '…' | sh`), or
 * what one prints into a process substitution it reads (`sudo -S true <
 * <(echo pw)`). A shell that reads its script from standard input runs this
 * text. What a command prints is known for `echo 'iptables -F'`, `printf
 * '%s\n' 'a' 'b'`, `printf 'a\nb\n'` and `cat <<'EOF'`.
 */
import { commandName } from './command-name.ts';
import type { Redirect, ShellWord, Statement } from './shell-model.ts';

export interface KnownInput {
  readonly source: string;
  /** The runbook line the text starts on. */
  readonly line: number;
  /** Its newlines were made on that one line (`printf 'a\nb\n'`, `echo -e`): every line of it is that line. */
  readonly oneLine?: boolean;
}

/** The input a command's own redirects give it, or null. */
export function redirectedInput(redirects: readonly Redirect[]): KnownInput | null {
  for (const redirect of redirects) {
    if (redirect.hereDoc) return { source: redirect.hereDoc.body, line: redirect.hereDoc.line };
    if (redirect.op === '<<<' && redirect.target) return { source: redirect.target.value, line: redirect.target.line };
    const substituted = redirect.op === '<' && redirect.target?.text.startsWith('<(') ? redirect.target.substitutions : [];
    if (substituted.length === 1 && substituted[0]!.statements.length === 1) return printedText(substituted[0]!.statements[0]!);
  }
  return null;
}

/** Its redirects choose its standard input (a file, a here-document): a pipe into it reaches nothing. */
export const readsOwnInput = (redirects: readonly Redirect[]) => redirects.some((redirect) => redirect.op.startsWith('<'));

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
