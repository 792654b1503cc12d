/**
 * Whether a script turns on bash's strict mode (errexit, nounset, pipefail)
 * before its first command that can fail: `set -euo pipefail`, `set -e -u -o
 * pipefail`, `set -o errexit -o nounset -o pipefail`, `set -Eeuxo pipefail`,
 * spread over several `set` lines or not. Function definitions and literal
 * assignments may come first; they cannot fail. A `set +e` (`+o pipefail`,
 * `+u`) later that no `set` turns back on leaves the rest of it lax; one turned
 * back on (`set +e; out=$(…); rc=$?; set -e`) is a deliberate, local exception.
 */
import type { ShellScript, Statement } from '../shell/shell-model.ts';

export interface StrictMode {
  /** Options still off at the first command that can fail (empty: strict). */
  readonly missing: readonly string[];
  /** The first `set` before that command, if any. */
  readonly setLine: number | null;
  /** A `set` after it, if any: strict mode that comes too late. */
  readonly lateSetLine: number | null;
  readonly firstCommandLine: number | null;
  /** A later `set` that turns an option off for good: its line and how it is written (`set +e`). */
  readonly turnedOff: { readonly line: number; readonly spelling: string } | null;
}

const options = ['errexit', 'nounset', 'pipefail'];
const letters: Record<string, string> = { e: 'errexit', u: 'nounset' };

/** The options a `set` command turns on (`-e`, `-o pipefail`) or, with `off`, off (`+e`, `+o pipefail`). */
function setOptions(args: readonly string[], off = false): string[] {
  const named: string[] = [];
  const cluster = off ? /^\+[a-zA-Z]+$/ : /^-[a-zA-Z]+$/;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!cluster.test(arg)) continue;
    for (const letter of arg.slice(1)) {
      if (letter === 'o') named.push(args[++index] ?? '');
      else if (letters[letter]) named.push(letters[letter]);
    }
  }
  return named.filter((option) => options.includes(option));
}

const cannotFail = (statement: Statement) =>
  statement.kind === 'function' ||
  (statement.kind === 'command' && statement.name === null && statement.assignments.every((a) => a.value === null || a.value.literal));

const isSet = (statement: Statement) => statement.kind === 'command' && statement.name?.value === 'set';

const setArgs = (statement: Statement) => (statement.kind === 'command' ? statement.args.map((arg) => arg.value) : []);

/** The last `set` that turns a strict option off with no `set` after it turning that option back on. */
function turnedOff(statements: readonly Statement[]): StrictMode['turnedOff'] {
  const sets = statements.filter(isSet);
  const off = sets.findLast((set, index) =>
    setOptions(setArgs(set), true).some((option) => !sets.slice(index + 1).some((later) => setOptions(setArgs(later)).includes(option))),
  );
  return off ? { line: off.line, spelling: off.text } : null;
}

export function strictMode(script: ShellScript): StrictMode {
  const on = new Set<string>();
  const statements = script.statements;
  const first = statements.findIndex((statement) => !isSet(statement) && !cannotFail(statement));
  const before = first < 0 ? statements : statements.slice(0, first);
  for (const statement of before.filter(isSet)) {
    for (const option of setOptions(setArgs(statement))) on.add(option);
  }
  const late = first < 0 ? undefined : statements.slice(first).find(isSet);
  return {
    missing: first < 0 ? [] : options.filter((option) => !on.has(option)),
    setLine: before.find(isSet)?.line ?? null,
    lateSetLine: late?.line ?? null,
    firstCommandLine: statements[first]?.line ?? null,
    turnedOff: turnedOff(statements),
  };
}
