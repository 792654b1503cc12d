/**
 * Credentials given as option values:
 *   - a secret-named option: `--password=x`, `--password x`, `--token x`,
 *     `--api-key x`, curl's `--oauth2-bearer x`;
 *   - curl `-u user:x` (glued `-uuser:x`, in a cluster `-sSu user:x`,
 *     `--user`, `-U`/`--proxy-user`), wget `--user user:x`;
 *   - mysql's `-px` (glued: a bare `-p` prompts), sshpass `-p x`.
 * Options that prompt or read the secret elsewhere are not values: `--no-password`,
 * `--askpass`, `--ask-become-pass`, psql's and mysql's bare `--password`.
 */
import { commandName } from '../shell/command-name.ts';
import type { ShellWord, SimpleCommand } from '../shell/shell-model.ts';
import { isReference } from './credential-text.ts';
import { curlOptions } from './curl-options.ts';
import type { Credential } from './shell-credentials.ts';

const secretOption = /^--[\w-]*(pass(word|wd)?|secret|token|api-?key|bearer)$/i;
const promptOption = /^--(no-|ask-?)/;
/** Clients whose bare `--password` (no `=`) prompts for it: the next word is their next argument. */
const promptingClients =
  /^(psql|pg_dump|pg_dumpall|pg_restore|pg_basebackup|pg_receivewal|pg_recvlogical|createdb|dropdb|createuser|dropuser|vacuumdb|reindexdb|clusterdb|mysql\w*|mariadb[\w-]*)$/;
const mysqlClients = /^(mysql\w*|mariadb[\w-]*)$/;
const curlUserOptions = new Set(['-u', '--user', '-U', '--proxy-user']);

/** The secret a `user:secret` value holds, if any. */
const afterColon = (value: string | null) => (value?.includes(':') ? value.slice(value.indexOf(':') + 1) : undefined);

function curlCredentials(command: SimpleCommand, used: Set<ShellWord>): Credential[] {
  return curlOptions(command.args).flatMap(({ name, value, word }) => {
    const secret = curlUserOptions.has(name) ? afterColon(value?.value ?? null) : undefined;
    if (secret === undefined) return [];
    used.add(word);
    return isReference(secret) ? [] : [{ line: word.line, name }];
  });
}

/** Secret-named options, and the short ones the command reads a password from; the words they used go in `used`. */
function namedCredentials(command: SimpleCommand, used: Set<ShellWord>): Credential[] {
  const name = commandName(command);
  const found: Credential[] = [];
  const take = (word: ShellWord, option: string, value: ShellWord | undefined, secret: string | undefined) => {
    used.add(word);
    if (value) used.add(value);
    if (secret !== undefined && !isReference(secret)) found.push({ line: word.line, name: option });
  };
  command.args.forEach((word, index) => {
    const [option, glued] = word.value.split(/=(.*)/s) as [string, string | undefined];
    const next = command.args[index + 1];
    const nextIsValue = next !== undefined && !next.value.startsWith('-');
    if (secretOption.test(option) && !promptOption.test(option)) {
      if (glued !== undefined) take(word, option, undefined, glued);
      else if (!promptingClients.test(name) && nextIsValue) take(word, option, next, next.value);
    } else if (mysqlClients.test(name) && /^-p./.test(word.value)) take(word, '-p', undefined, word.value.slice(2));
    else if (name === 'sshpass' && /^-p/.test(word.value))
      take(word, '-p', word.value.length > 2 ? undefined : next, word.value.length > 2 ? word.value.slice(2) : next?.value);
    else if (name === 'wget' && (option === '--user' || option === '--http-user'))
      take(word, option, glued === undefined ? next : undefined, afterColon(glued ?? next?.value ?? null));
  });
  return found;
}

export function optionCredentials(command: SimpleCommand, used: Set<ShellWord>): Credential[] {
  const curl = commandName(command) === 'curl' ? curlCredentials(command, used) : [];
  return [...curl, ...namedCredentials(command, used)];
}
