/**
 * Commands whose failure the script swallows, so that under `set -e` it goes
 * on as if they had succeeded:
 *   - the left of an `||` whose fallback does not stop the step
 *     (failure-path.ts): `|| true`, `|| echo down`, `|| warn down` where
 *     `warn` only prints or is not defined in the block; a fallback that
 *     exits, returns, fails or tests something (`|| exit 1`, `|| die …` with
 *     `die` ending in `exit 1`, `|| [ -n "$x" ]`) does not swallow;
 *   - a statement run in the background (`cmd &`) when the script waits for
 *     no job by its id (`wait "$pid"`, `wait -n`): a bare `wait` returns 0.
 * The model does not keep the `&`: it is read from the source after the statement.
 */
import { everyStatement } from '../shell/every-statement.ts';
import type { ShellScript, SimpleCommand, Statement } from '../shell/shell-model.ts';
import { commandsOf } from './status-commands.ts';
import { checksLeadingNowhere } from './checks-leading-nowhere.ts';
import { functionsOf, whyItGoesOn } from './failure-path.ts';

/** Each command an `||` swallows, with how, as a clause: "is swallowed by `echo down`, which always succeeds: end …". */
export function swallowedByFallback(script: ShellScript): Map<SimpleCommand, string> {
  const functions = functionsOf(script);
  const swallowed = new Map<SimpleCommand, string>();
  for (const statement of everyStatement(script)) {
    if (statement.kind !== 'or') continue;
    const why = whyItGoesOn(statement.right, functions);
    if (why !== null)
      for (const command of commandsOf(statement.left))
        swallowed.set(command, `is swallowed by \`${statement.right.text}\`, ${why}: end the fallback with \`exit 1\``);
  }
  return swallowed;
}

/** Each command whose failure does not stop the script: swallowed by a fallback, or leading nowhere (checks-leading-nowhere.ts). */
export function swallowedFailures(script: ShellScript): Map<SimpleCommand, string> {
  return new Map([...checksLeadingNowhere(script), ...swallowedByFallback(script)]);
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
