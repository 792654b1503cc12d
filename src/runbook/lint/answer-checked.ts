/**
 * Requests whose answer the script tests itself, so that curl need not fail
 * on an HTTP error: the status code written with `-w '%{http_code}'` into a
 * variable that a test or case then compares (`code=$(curl -s -o /dev/null -w
 * '%{http_code}' …); [ "$code" = 200 ]`), or the body piped into `jq -e`,
 * whose exit status is the check (under pipefail, a failed connection fails
 * the pipeline too). Printing the code, or grepping the body for "ok" (which
 * "not ok" contains), checks nothing.
 */
import { commandName } from '../shell/command-name.ts';
import { everyStatement, wordsOf } from '../shell/every-statement.ts';
import type { ShellScript, SimpleCommand, Statement } from '../shell/shell-model.ts';
import { curlOptions } from './curl-options.ts';

const statusCode = /%\{(http_code|response_code)\}/;

const writesStatus = (command: SimpleCommand) =>
  commandName(command) === 'curl' &&
  curlOptions(command.args).some(({ name, value }) => (name === '-w' || name === '--write-out') && statusCode.test(value?.value ?? ''));

const jqExits = (statement: Statement) =>
  statement.kind === 'command' &&
  commandName(statement) === 'jq' &&
  statement.args.some((arg) => arg.value === '--exit-status' || /^-[a-zA-Z]*e[a-zA-Z]*$/.test(arg.value));

/** Names a test or case compares: `[ "$code" = 200 ]`, `(( code == 200 ))`, `case "$code" in`. */
function testedNames(script: ShellScript): Set<string> {
  const names = new Set<string>();
  for (const statement of everyStatement(script)) {
    if (statement.kind !== 'test' && statement.kind !== 'case') continue;
    for (const word of wordsOf(statement)) for (const name of [...word.variables, word.value]) names.add(name);
  }
  return names;
}

export function answerChecked(script: ShellScript): Set<SimpleCommand> {
  const checked = new Set<SimpleCommand>();
  const tested = testedNames(script);
  for (const statement of everyStatement(script)) {
    if (statement.kind === 'pipeline' && statement.commands.slice(1).some(jqExits))
      for (const command of statement.commands.slice(0, -1)) if (command.kind === 'command') checked.add(command);
    if (statement.kind !== 'command') continue;
    for (const { name, value } of statement.assignments) {
      if (!tested.has(name)) continue;
      const inner = (value?.substitutions ?? []).flatMap((sub) => [...everyStatement(sub)]);
      for (const command of inner) if (command.kind === 'command' && writesStatus(command)) checked.add(command);
    }
  }
  return checked;
}
