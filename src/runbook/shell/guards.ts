/**
 * Guards: the conditions a command runs under. `if C; then X; fi`, `C && X`
 * and `while C; do X; done` run X when C succeeded; `else X` and `C || X` when
 * it failed. A statement that exits on one outcome guards the rest of its
 * list: after `C || exit` the rest runs only when C succeeded, after
 * `if C; then exit; fi` or `C && exit` only when it failed.
 *
 *   holds: true   X runs only if the condition succeeded
 *   holds: false  X runs only if the condition failed
 */
import type { FunctionDefinition, ShellWord, Statement } from './shell-model.ts';

export interface Guard {
  /** The condition's statements; empty for a case arm. */
  readonly condition: readonly Statement[];
  readonly holds: boolean;
  readonly line: number;
  /** A case arm: the word tested and the arm's patterns. */
  readonly caseArm?: { readonly subject: ShellWord; readonly patterns: readonly ShellWord[] };
}

export type Functions = ReadonlyMap<string, FunctionDefinition>;

/** The statement ends the script (or function): `exit`, `return`, a function that always exits, a `{ …; exit; }` group. */
export function exits(statement: Statement | undefined, functions: Functions, seen: ReadonlySet<string> = new Set()): boolean {
  if (!statement) return false;
  if (statement.kind === 'group') return exits(statement.body.at(-1), functions, seen);
  if (statement.kind !== 'command' || !statement.name?.literal) return false;
  const name = statement.name.value;
  if (name === 'exit' || name === 'return') return true;
  const called = functions.get(name);
  return called !== undefined && !seen.has(name) && exits(called.body.at(-1), functions, new Set([...seen, name]));
}

/** The guard a statement puts on the statements after it in the same list, if it exits on one outcome of a condition. */
export function continuationGuard(statement: Statement, functions: Functions): Guard | null {
  if (statement.background) return null; // `C || exit &` exits its own job, not the script
  const line = statement.line;
  if ((statement.kind === 'or' || statement.kind === 'and') && exits(statement.right, functions))
    return { condition: [statement.left], holds: statement.kind === 'or', line };
  if (statement.kind === 'if' && statement.branches.length === 1) {
    const only = statement.branches[0]!;
    if (exits(only.body.at(-1), functions)) return { condition: only.condition, holds: false, line };
  }
  return null;
}
