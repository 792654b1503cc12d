/**
 * Literal credentials in a parsed shell script, each with its line and what
 * it is (never its value):
 *   - assignments to a credential-named variable, exported or not:
 *     `PGPASSWORD=x psql`, `export REDISCLI_AUTH=x`, `local db_pw=x`;
 *   - option values: `--password=x`, `--password x`, `--token x`, redis-cli
 *     `-a x` / `--pass x`, curl/wget `-u user:x`;
 *   - Redis commands: `AUTH x`, `CONFIG SET requirepass x`;
 *   - any word or here-document line that holds one as text:
 *     `psql "host=db password=x"`, `redis://:x@cache`, `requirepass x`.
 * `$VAR`, `$(op read …)`, `<placeholder>` and masks (`***`) are not literal.
 */
import { commandName } from '../shell/command-name.ts';
import { everyStatement, wordsOf } from '../shell/every-statement.ts';
import type { ShellScript, ShellWord, SimpleCommand } from '../shell/shell-model.ts';
import { codeCredentials, isReference } from './credential-text.ts';
import { redisCliCall } from './redis-cli-call.ts';

export interface Credential {
  readonly line: number;
  /** What it is: the variable or option name, `requirepass`, ':' for a URL's password. */
  readonly name: string;
}

const credentialSegments = new Set(['password', 'passwd', 'pass', 'pw', 'pwd', 'secret', 'token', 'auth']);
const secretOption = /^--[\w-]*(pass(word|wd)?|secret|token|api-?key)$/i;
const userOptions = new Set(['-u', '--user', '-U', '--proxy-user']);

/** PGPASSWORD, DB_PASS, REDISCLI_AUTH, API_KEY, GITHUB_TOKEN; not PWD (the working directory). */
export function isCredentialName(name: string): boolean {
  if (/^(OLD)?PWD$/.test(name)) return false;
  const segments = name.toLowerCase().split('_');
  return /pass(word|wd)/i.test(name) || credentialSegments.has(segments.at(-1)!) || segments.slice(-2).join('') === 'apikey';
}

/** Credentials given as option values; the words they used, so that the text patterns skip them. */
function optionCredentials(command: SimpleCommand, used: Set<ShellWord>): Credential[] {
  const found: Credential[] = [];
  const name = commandName(command);
  const take = (option: ShellWord, value: ShellWord | undefined, secret: string | undefined) => {
    used.add(option);
    if (value) used.add(value);
    if (secret !== undefined && !isReference(secret)) found.push({ line: option.line, name: option.value.split('=')[0]! });
  };
  command.args.forEach((word, index) => {
    const [option, glued] = word.value.split(/=(.*)/s);
    const next = command.args[index + 1];
    if (secretOption.test(option!)) take(word, glued === undefined ? next : undefined, glued ?? next?.value);
    else if ((name === 'curl' || name === 'wget') && userOptions.has(option!)) {
      const user = glued ?? next?.value ?? '';
      if (user.includes(':')) take(word, glued === undefined ? next : undefined, user.slice(user.indexOf(':') + 1));
    }
  });
  return found;
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

export function shellCredentials(script: ShellScript): Credential[] {
  const found: Credential[] = [];
  for (const statement of everyStatement(script)) {
    const used = new Set<ShellWord>();
    if (statement.kind === 'command') {
      for (const { name, value, line } of statement.assignments)
        if (isCredentialName(name) && value && !isReference(value.value)) found.push({ line, name });
      found.push(...optionCredentials(statement, used), ...redisCredentials(statement));
    }
    // A command string's credentials are found in its own script, at their own lines.
    const words = statement.kind === 'command' && statement.nested?.fromString ? [] : wordsOf(statement).filter((w) => !used.has(w));
    for (const word of words) for (const name of codeCredentials(word.value)) found.push({ line: word.line, name });
    for (const { hereDoc } of statement.redirects) {
      hereDoc?.body.split('\n').forEach((text, index) => {
        for (const name of codeCredentials(text)) found.push({ line: hereDoc.line + index, name });
      });
    }
  }
  return found;
}
