/**
 * Literal credentials in a parsed shell script, each with its line and what
 * it is (never its value):
 *   - assignments to a credential-named variable (credential-names.ts),
 *     exported or not: `PGPASSWORD=x psql`, `export AWS_SECRET_ACCESS_KEY=x`;
 *   - option values (option-credentials.ts): `--password=x`, curl `-u user:x`,
 *     mysql `-px`, sshpass `-p x`; redis-cli `-a x`, `AUTH x`, `CONFIG SET requirepass x`;
 *   - awk's secret-named variables (`-v password=x`) and the commands its
 *     program runs (`system("mysql -px …")`): awk-credentials.ts;
 *   - a password fed on standard input (`echo pw | sudo -S`) or written into
 *     a .pgpass file (input-credentials.ts, pgpass-credentials.ts);
 *   - any word or here-document line that holds one as text (credential-text.ts):
 *     `psql "host=db password=x"`, `redis://:x@cache`, `-H "Authorization: Bearer x"`,
 *     `?token=x`, `ALTER ROLE … PASSWORD 'x'`; a grep's or sed's pattern is
 *     not a value (search-patterns.ts).
 * `$VAR`, `$(op read …)`, `{{ template }}`, `<placeholder>` and masks (`***`) are not literal.
 */
import { everyStatement, wordsOf } from '../shell/every-statement.ts';
import type { ShellScript, ShellWord, SimpleCommand, Statement } from '../shell/shell-model.ts';
import { awkCredentials } from './awk-credentials.ts';
import { isCredentialName } from './credential-names.ts';
import { codeCredentials, isReference } from './credential-text.ts';
import { inputCredentials } from './input-credentials.ts';
import { optionCredentials } from './option-credentials.ts';
import { pgpassCredentials } from './pgpass-credentials.ts';
import { redisCliCall } from './redis-cli-call.ts';
import { patternCommandText } from './search-patterns.ts';

export interface Credential {
  readonly line: number;
  /** What it is: the variable or option name, `requirepass`, ':' for a URL's password. */
  readonly name: string;
}

function redisCredentials(command: SimpleCommand): Credential[] {
  const call = redisCliCall(command);
  if (!call) return [];
  const options = call.options.filter((o) => (o.name === '-a' || o.name === '--pass') && o.value && !isReference(o.value.value));
  const [verb, ...rest] = call.command.map((word) => word.value);
  const secret =
    verb?.toUpperCase() === 'AUTH'
      ? rest.at(-1)
      : verb?.toUpperCase() === 'CONFIG' && /^(requirepass|masterauth)$/i.test(rest[1] ?? '')
        ? rest[2]
        : undefined;
  const named = verb?.toUpperCase() === 'AUTH' ? 'AUTH' : (rest[1]?.toLowerCase() ?? '');
  return [
    ...options.map((o) => ({ line: o.line, name: o.name })),
    ...(secret !== undefined && !isReference(secret) ? [{ line: call.command[0]!.line, name: named }] : []),
  ];
}

/** What a command carries itself: assignments, options, its input; the words that gave them go in `used`. */
function commandCredentials(command: SimpleCommand, before: Statement | undefined, used: Set<ShellWord>): Credential[] {
  const assigned = command.assignments.filter(({ name, value }) => isCredentialName(name) && value && !isReference(value.value));
  for (const { value } of assigned) used.add(value!);
  return [
    ...assigned.map(({ name, line }) => ({ line, name })),
    ...optionCredentials(command, used),
    ...redisCredentials(command),
    ...inputCredentials(command, before),
    ...pgpassCredentials(command, before),
    ...awkCredentials(command, shellCredentials),
  ];
}

/** The texts a statement's words give; a search's or sed's arguments give only what sed writes. */
function wordTexts(statement: Statement, used: Set<ShellWord>): { text: string; line: number }[] {
  const words = wordsOf(statement).filter((word) => !used.has(word));
  const written = statement.kind === 'command' ? patternCommandText(statement) : null;
  const arguments_ = new Set(statement.kind === 'command' && written ? statement.args : []);
  return [...words.filter((word) => !arguments_.has(word)).map((word) => ({ text: word.value, line: word.line })), ...(written ?? [])];
}

function wordCredentials(statement: Statement, used: Set<ShellWord>): Credential[] {
  // A command string's credentials are found in its own script, at their own lines.
  if (statement.kind === 'command' && statement.nested?.fromString) return [];
  return wordTexts(statement, used).flatMap(({ text, line }) => codeCredentials(text).map((name) => ({ line, name })));
}

/** Each command of a pipeline after the first, with the one before it. */
function pipedFrom(script: ShellScript): Map<Statement, Statement> {
  const before = new Map<Statement, Statement>();
  for (const statement of everyStatement(script))
    if (statement.kind === 'pipeline')
      for (const [index, command] of statement.commands.entries()) if (index > 0) before.set(command, statement.commands[index - 1]!);
  return before;
}

export function shellCredentials(script: ShellScript): Credential[] {
  const found: Credential[] = [];
  const before = pipedFrom(script);
  for (const statement of everyStatement(script)) {
    const used = new Set<ShellWord>();
    if (statement.kind === 'command') found.push(...commandCredentials(statement, before.get(statement), used));
    found.push(...wordCredentials(statement, used));
    for (const { hereDoc } of statement.redirects) {
      hereDoc?.body.split('\n').forEach((text, index) => {
        for (const name of codeCredentials(text)) found.push({ line: hereDoc.line + index, name });
      });
    }
  }
  return found;
}
