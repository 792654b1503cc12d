/**
 * Commands whose failure the script swallows, so that under `set -e` it goes
 * on as if they had succeeded:
 *   - the left of an `||` whose fallback does not stop the step
 *     (failure-path.ts): `|| true`, `|| echo down`, `|| warn down` where
 *     `warn` only prints or is not shown to stop; a fallback that
 *     exits, returns, fails or tests something (`|| exit 1`, `|| die …` with
 *     `die` ending in `exit 1`, `|| [ -n "$x" ]`) does not swallow;
 *   - a check whose failing path leads nowhere (checks-leading-nowhere.ts).
 * A command run in the background is the health-check rule's own matter.
 */
import { everyStatement } from '../shell/every-statement.ts';
import type { ShellScript, SimpleCommand } from '../shell/shell-model.ts';
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
