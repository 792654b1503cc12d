/**
 * Whether what a script runs after a failure (an `||` fallback, the branch a
 * failed check takes) stops the step: it ends by exiting or returning
 * non-zero (`exit 1`, a bare `exit`, `return 1`), by `false`, by a test or
 * another request whose own status decides, or by calling a function the
 * script defines whose body ends so. Anything else lets the step go on: a
 * command that always succeeds (`echo`, `true`), and a function the block
 * does not define, which may only print (`warn "down"`) — unless its name is
 * the shell's idiom for stopping (`die`, `fail`, `fatal`…): a block that
 * sources its helpers calls those, and one that does not gets "command not
 * found", which stops a `set -e` step all the same.
 */
import { everyStatement } from '../shell/every-statement.ts';
import type { FunctionDefinition, ShellScript, SimpleCommand, Statement } from '../shell/shell-model.ts';

export type Functions = ReadonlyMap<string, FunctionDefinition>;

const alwaysSucceed = new Set(['true', ':', 'echo', 'printf', 'logger']);
/** Names that by convention end the script (`die "gateway down"`): trusted where the block does not define them. */
const stoppingByName = /^(die|fail|fatal|abort|bail|panic|err(or)?_?exit|exit_?with_?error)$/i;
/** Commands whose status is the answer to a question: a failure stays a failure. */
const deciding = new Set(['false', 'test', '[', '[[', 'curl', 'wget']);

/** The functions a script defines, by name (a later definition replaces an earlier one, as in bash). */
export function functionsOf(script: ShellScript): Functions {
  const functions = new Map<string, FunctionDefinition>();
  for (const statement of everyStatement(script)) if (statement.kind === 'function') functions.set(statement.name, statement);
  return functions;
}

function commandGoesOn(command: SimpleCommand, functions: Functions, calling: ReadonlySet<string>): string | null {
  const name = command.name?.value ?? '';
  if (name === 'exit' || name === 'return') return command.args[0]?.value === '0' ? 'which always succeeds' : null;
  if (deciding.has(name)) return null;
  if (alwaysSucceed.has(name)) return 'which always succeeds';
  const definition = functions.get(name);
  if (definition === undefined)
    return stoppingByName.test(name)
      ? null
      : `and \`${name}\` is no function of this block that stops it (a command, or one defined elsewhere, may only print)`;
  if (calling.has(name)) return null;
  const last = definition.body.at(-1);
  const inside = last ? whyItGoesOn(last, functions, new Set([...calling, name])) : 'empty';
  return inside === null ? null : `and \`${name}\` (line ${definition.line}) does not end by exiting non-zero`;
}

/** Null when running the statement stops the step; otherwise why the step goes on, as a clause ("which always succeeds"). */
export function whyItGoesOn(statement: Statement, functions: Functions, calling: ReadonlySet<string> = new Set()): string | null {
  const last = (statements: readonly Statement[]) =>
    statements.length === 0 ? 'which does nothing' : whyItGoesOn(statements.at(-1)!, functions, calling);
  switch (statement.kind) {
    case 'command':
      return commandGoesOn(statement, functions, calling);
    case 'group':
    case 'subshell':
      return last(statement.body);
    case 'pipeline':
      return last(statement.commands);
    case 'and': {
      // `a && b` fails when either does.
      const left = whyItGoesOn(statement.left, functions, calling);
      return left === null ? null : whyItGoesOn(statement.right, functions, calling);
    }
    case 'or':
      // `a || b` goes on when a succeeds, and otherwise as b does.
      return whyItGoesOn(statement.left, functions, calling) ?? whyItGoesOn(statement.right, functions, calling);
    case 'if': {
      const paths = [...statement.branches.map((branch) => branch.body), statement.otherwise];
      return (
        paths.map((path) => (path === null ? 'which goes on when no branch is taken' : last(path))).find((why) => why !== null) ?? null
      );
    }
    default:
      return null;
  }
}
