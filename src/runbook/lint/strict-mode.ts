/**
 * Whether a script turns on bash's strict mode (errexit, nounset, pipefail)
 * before its first command that can fail: `set -euo pipefail`, `set -e -u -o
 * pipefail`, `set -o errexit -o nounset -o pipefail`, `set -Eeuxo pipefail`,
 * spread over several `set` lines or not. Function definitions and literal
 * assignments may come first; they cannot fail.
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
}

const options = ['errexit', 'nounset', 'pipefail'];
const letters: Record<string, string> = { e: 'errexit', u: 'nounset' };

/** The options a `set` command turns on. */
function setOptions(args: readonly string[]): string[] {
  const on: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!/^-[a-zA-Z]+$/.test(arg)) continue;
    for (const letter of arg.slice(1)) {
      if (letter === 'o') on.push(args[++index] ?? '');
      else if (letters[letter]) on.push(letters[letter]);
    }
  }
  return on;
}

const cannotFail = (statement: Statement) =>
  statement.kind === 'function' ||
  (statement.kind === 'command' && statement.name === null && statement.assignments.every((a) => a.value === null || a.value.literal));

const isSet = (statement: Statement) => statement.kind === 'command' && statement.name?.value === 'set';

export function strictMode(script: ShellScript): StrictMode {
  const on = new Set<string>();
  const statements = script.statements;
  const first = statements.findIndex((statement) => !isSet(statement) && !cannotFail(statement));
  const before = first < 0 ? statements : statements.slice(0, first);
  for (const statement of before.filter(isSet)) {
    if (statement.kind === 'command') for (const option of setOptions(statement.args.map((arg) => arg.value))) on.add(option);
  }
  const late = first < 0 ? undefined : statements.slice(first).find(isSet);
  return {
    missing: first < 0 ? [] : options.filter((option) => !on.has(option)),
    setLine: before.find(isSet)?.line ?? null,
    lateSetLine: late?.line ?? null,
    firstCommandLine: statements[first]?.line ?? null,
  };
}
