/**
 * Commands whose failure `set -e` never sees and the script does not act on,
 * so a failed check lets the step go on:
 *   - a condition of an `if`/`elif`: `if curl …; then echo ok; fi` takes the
 *     else side on a failure, which must stop the step (`else exit 1`), and
 *     `if ! curl …; then echo down; fi` takes the then side, which must too;
 *   - the left of an `&&` run as a statement (`curl … && echo ok`): bash
 *     ignores its failure under `set -e`, unless it is the script's last
 *     statement, whose status is the step's.
 * What stops the step is failure-path.ts's judgement.
 */
import { childStatements, everyScript, everyStatement } from '../shell/every-statement.ts';
import type { If, ShellScript, SimpleCommand, Statement } from '../shell/shell-model.ts';
import { type Functions, functionsOf, whyItGoesOn } from './failure-path.ts';
import { commandsOf } from './status-commands.ts';

/** What a condition evaluates to when `command` in it fails: false, true, or decided by something else. */
type Outcome = 'false' | 'true' | 'other';

function outcomeOnFailure(statement: Statement, command: SimpleCommand): Outcome | undefined {
  const inside = (part: Statement) => commandsOf(part).includes(command);
  switch (statement.kind) {
    case 'not': {
      const outcome = outcomeOnFailure(statement.body, command);
      return outcome === 'false' ? 'true' : outcome === 'true' ? 'false' : outcome;
    }
    case 'and':
    case 'or': {
      if (inside(statement.right)) return outcomeOnFailure(statement.right, command);
      const left = outcomeOnFailure(statement.left, command);
      if (left === undefined) return undefined;
      return (statement.kind === 'and' ? left === 'false' : left === 'true') ? left : 'other';
    }
    case 'group':
    case 'subshell': {
      const last = statement.body.at(-1);
      return last && inside(last) ? outcomeOnFailure(last, command) : statement.body.some(inside) ? 'other' : undefined;
    }
    default:
      return inside(statement) ? 'false' : undefined;
  }
}

/** Null when the statements end by stopping the step; otherwise how they end: "ends with `echo ok`, which always succeeds". */
function howItEnds(statements: readonly Statement[], functions: Functions): string | null {
  const last = statements.at(-1);
  if (last === undefined) return 'is empty';
  const why = whyItGoesOn(last, functions);
  return why === null ? null : `ends with \`${last.text}\`, ${why}`;
}

function unheededInIf(statement: If, functions: Functions, found: Map<SimpleCommand, string>): void {
  statement.branches.forEach((branch, index) => {
    const decider = branch.condition.at(-1);
    if (decider === undefined) return;
    const at = `the \`${index === 0 ? 'if' : 'elif'}\` on line ${branch.line}`;
    for (const command of commandsOf(decider)) {
      const outcome = outcomeOnFailure(decider, command);
      const otherwise = statement.otherwise;
      if (outcome === 'false' && otherwise === null)
        found.set(command, `leads nowhere: ${at} has no \`else\` that stops the step; add \`else echo "…" >&2; exit 1\``);
      const end =
        outcome === 'false' ? otherwise && howItEnds(otherwise, functions) : outcome === 'true' ? howItEnds(branch.body, functions) : null;
      if (end) {
        const path = outcome === 'false' ? `the \`else\` of ${at}` : `the branch ${at} takes on it`;
        found.set(command, `leads nowhere: ${path} ${end}; end it with \`exit 1\``);
      }
    }
  });
}

/** The statement lists run one after another (not conditions): where `a && b` is a statement of its own. */
function* statementLists(script: ShellScript): Generator<readonly Statement[]> {
  for (const inner of everyScript(script)) yield inner.statements;
  for (const statement of everyStatement(script)) {
    if (statement.kind === 'if') yield* [...statement.branches.map((branch) => branch.body), statement.otherwise ?? []];
    else if (statement.kind === 'while' || statement.kind === 'until') yield statement.body;
    else if (statement.kind === 'case') yield* statement.arms.map((arm) => arm.body);
    else if (statement.kind !== 'pipeline' && statement.kind !== 'and' && statement.kind !== 'or' && statement.kind !== 'not')
      yield childStatements(statement);
  }
}

export function checksLeadingNowhere(script: ShellScript): Map<SimpleCommand, string> {
  const functions = functionsOf(script);
  const found = new Map<SimpleCommand, string>();
  for (const statement of everyStatement(script)) if (statement.kind === 'if') unheededInIf(statement, functions, found);
  const last = script.statements.at(-1);
  for (const list of statementLists(script))
    for (const statement of list)
      if (statement.kind === 'and' && statement !== last)
        for (const command of commandsOf(statement.left))
          if (outcomeOnFailure(statement.left, command) === 'false')
            found.set(
              command,
              `is ignored by \`set -e\` on the left of \`&& ${statement.right.text}\`: end the request with \`|| exit 1\` and run the rest after it`,
            );
  return found;
}
