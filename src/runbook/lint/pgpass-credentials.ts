/**
 * A literal password written into a libpq password file (`~/.pgpass`,
 * `$PGPASSFILE`): `echo 'host:5432:db:user:pw' >> ~/.pgpass`, `cat >
 * ~/.pgpass <<EOF`, `printf '%s\n' '…' | tee -a ~/.pgpass`. Each of its lines
 * is `hostname:port:database:username:password`; a password that is a
 * variable (`…:$PGPASSWORD`) is not literal.
 */
import { commandName } from '../shell/command-name.ts';
import { printedText, redirectedInput } from '../shell/known-input.ts';
import type { ShellWord, SimpleCommand, Statement } from '../shell/shell-model.ts';
import { isReference } from './credential-text.ts';
import { knownLines } from './known-lines.ts';
import type { Credential } from './shell-credentials.ts';

const passwordFile = /pgpass/i;
const entry = /^[^:\s]+:[^:\s]+:[^:\s]+:[^:\s]+:(.+)$/;
const writes = new Set(['>', '>>', '>|', '&>', '&>>']);

const isPasswordFile = (word: ShellWord | null) => word !== null && passwordFile.test(word.text) && !/^-/.test(word.value);

/** The command writes what it reads or prints into a password file: a redirect, or tee. */
function writesPasswordFile(command: SimpleCommand): boolean {
  const redirected = command.redirects.some((redirect) => writes.has(redirect.op) && isPasswordFile(redirect.target));
  return redirected || (commandName(command) === 'tee' && command.args.some(isPasswordFile));
}

/** Literal passwords in the password-file lines the command writes (`before`: the statement piping into it, if any). */
export function pgpassCredentials(command: SimpleCommand, before: Statement | undefined): Credential[] {
  if (!writesPasswordFile(command)) return [];
  const lines = [
    ...knownLines(printedText(command)),
    ...knownLines(redirectedInput(command.redirects)),
    ...knownLines(before ? printedText(before) : null),
  ];
  return lines.flatMap(({ text, line }) => {
    const password = entry.exec(text.trim())?.[1];
    return password !== undefined && !isReference(password) ? [{ line, name: '.pgpass' }] : [];
  });
}
