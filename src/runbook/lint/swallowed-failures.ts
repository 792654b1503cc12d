/**
 * Commands whose failure the script swallows, so that under `set -e` it goes
 * on as if they had succeeded:
 *   - the left of an `||` whose fallback always succeeds (`|| true`, `|| :`,
 *     `|| echo down`, `|| { echo down >&2; }`); a fallback that exits, returns,
 *     fails or tests something (`|| exit 1`, `|| die …`, `|| [ -n "$x" ]`) does not;
 *   - a statement run in the background (`cmd &`) when the script waits for
 *     no job by its id (`wait "$pid"`, `wait -n`): a bare `wait` returns 0.
 * The model does not keep the `&`: it is read from the source after the statement.
 */
import { everyStatement } from '../shell/every-statement.ts';
import type { ShellScript, SimpleCommand, Statement } from '../shell/shell-model.ts';

/** Commands that succeed whatever happens. */
const alwaysSucceed = new Set(['true', ':', 'echo', 'printf', 'logger']);

function alwaysSucceeds(statement: Statement): boolean {
  switch (statement.kind) {
    case 'command': {
      const name = statement.name?.value ?? '';
      return alwaysSucceed.has(name) || ((name === 'exit' || name === 'return') && statement.args[0]?.value === '0');
    }
    case 'group':
    case 'subshell':
      return statement.body.length > 0 && alwaysSucceeds(statement.body.at(-1)!);
    case 'and':
      return alwaysSucceeds(statement.left) && alwaysSucceeds(statement.right);
    case 'or':
      return alwaysSucceeds(statement.left) || alwaysSucceeds(statement.right);
    default:
      return false;
  }
}

/** The commands whose status is the statement's: through pipelines, lists, `!`, groups and the substitutions an assignment runs. */
function commandsOf(statement: Statement): SimpleCommand[] {
  switch (statement.kind) {
    case 'command': {
      const assigned = statement.assignments.flatMap((a) => a.value?.substitutions ?? []);
      return [statement, ...assigned.flatMap((script) => script.statements.flatMap(commandsOf))];
    }
    case 'pipeline':
      return statement.commands.flatMap(commandsOf);
    case 'and':
    case 'or':
      return [...commandsOf(statement.left), ...commandsOf(statement.right)];
    case 'not':
      return commandsOf(statement.body);
    case 'group':
    case 'subshell':
      return statement.body.flatMap(commandsOf);
    default:
      return [];
  }
}

/** Each command an `||` that always succeeds swallows, with that fallback as written. */
export function swallowedByFallback(script: ShellScript): Map<SimpleCommand, string> {
  const swallowed = new Map<SimpleCommand, string>();
  for (const statement of everyStatement(script))
    if (statement.kind === 'or' && alwaysSucceeds(statement.right))
      for (const command of commandsOf(statement.left)) swallowed.set(command, statement.right.text);
  return swallowed;
}

/** What may follow a backgrounded command on its line: its redirects (`> /dev/null 2>&1`), then a lone `&`. */
const redirectsThenAmpersand = /^(?:\s*(?:\d*>>?|\d*<|&>>?)&?\s*[^\s;&|]+)*\s*&(?!&)/;

/** The statement is followed by a lone `&` on its last line of `source` (lines counted from `firstLine`). */
function backgrounded(statement: Statement, lines: readonly string[], firstLine: number): boolean {
  const text = lines[statement.endLine - firstLine] ?? '';
  const last = statement.text.split('\n').at(-1)!;
  const at = text.indexOf(last);
  return at >= 0 && redirectsThenAmpersand.test(text.slice(at + last.length));
}

const waitsForAJob = (statement: Statement) =>
  statement.kind === 'command' && statement.name?.value === 'wait' && statement.args.length > 0;

/** Commands run in the background that the script never waits for by id; `source` is the script's text, starting at `firstLine`. */
export function unwaitedBackground(script: ShellScript, source: string, firstLine: number): SimpleCommand[] {
  const statements = [...everyStatement(script)];
  if (statements.some(waitsForAJob)) return [];
  const lines = source.split('\n');
  return statements.flatMap((statement) => (backgrounded(statement, lines, firstLine) ? commandsOf(statement) : []));
}
