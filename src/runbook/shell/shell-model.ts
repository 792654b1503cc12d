/**
 * A shell script as the runbook linter judges it: what runs, with which
 * words, under which conditions. Built from tree-sitter-bash's syntax tree by
 * parse-shell.ts; every line is a line of the runbook (a nested script's lines
 * too), so a finding names where the operator reads the command.
 *
 *   script ─ statements ─┬─ command      name, args, assignments, redirects, nested
 *                        ├─ pipeline     a | b | c
 *                        ├─ and / or     a && b, a || b
 *                        ├─ not          ! a
 *                        ├─ if / while / until / for / case
 *                        ├─ group        { … }   subshell ( … )
 *                        ├─ function     name() { … }
 *                        └─ test         [ … ], [[ … ]], (( … ))
 *
 * Any statement may end in `&` (`background`).
 *
 * Words keep what the command receives (`value`, quotes removed) and whether
 * it is known before the script runs (`literal`); command substitutions inside
 * a word are scripts of their own. A command that runs another one (`sudo`,
 * `xargs`, `ssh host '…'`, `bash -c '…'`) carries it as `nested`.
 */

export interface ShellWord {
  /** As written, quotes included. */
  readonly text: string;
  /** What the command receives: quotes and escapes removed, expansions left as written (`$PORT`, `$(date)`). */
  readonly value: string;
  /** No expansion anywhere: `value` is exactly the argument. */
  readonly literal: boolean;
  readonly line: number;
  /** Variables it expands (`$PORT`, `${PORT:-6379}`, `${!name}` → name). */
  readonly variables: readonly string[];
  /** Scripts of the command substitutions (`$(…)`, backquotes, `<(…)`) inside it. */
  readonly substitutions: readonly ShellScript[];
}

export interface Assignment {
  readonly name: string;
  /** Null for `local x` or `export X` without a value. */
  readonly value: ShellWord | null;
  readonly line: number;
}

export interface HereDoc {
  readonly body: string;
  /** Unquoted delimiter: `$VAR` and `$(…)` in the body are expanded. */
  readonly expands: boolean;
  /** The line of the body's first line. */
  readonly line: number;
  readonly substitutions: readonly ShellScript[];
}

export interface Redirect {
  /** `>`, `>>`, `<`, `2>&1`'s `>&`, `<<`, `<<-`, `<<<` … */
  readonly op: string;
  readonly target: ShellWord | null;
  readonly hereDoc: HereDoc | null;
  readonly line: number;
}

interface Base {
  readonly line: number;
  readonly endLine: number;
  /** Source text, as written. */
  readonly text: string;
  /** Redirections of the whole statement (`while …; done < <(…)`); a simple command's own are in it too. */
  readonly redirects: readonly Redirect[];
  /** Run in the background (`cmd &`): the script goes on at once, and its status, an `exit`, a `cd` or `set` in it stay in that job. */
  readonly background?: boolean;
}

export interface Nested {
  /** What runs it: `sudo`, `xargs`, `ssh`, `bash -c`, `docker exec` … */
  readonly via: string;
  readonly script: ShellScript;
  /** The nested command gets more arguments from standard input (`xargs`). */
  readonly argumentsFromInput: boolean;
  /** Parsed from a string or here-document (`bash -c '…'`, `ssh host '…'`), not made of the wrapper's own words (`sudo …`). */
  readonly fromString: boolean;
  /** Its script is the command's standard input (`bash <<'EOF'`, `echo '…' | sh`, `sudo -i <<EOF`): none of that input is left for the commands in it. */
  readonly fromInput: boolean;
}

export interface SimpleCommand extends Base {
  readonly kind: 'command';
  /** Null for a statement of assignments alone (`x=1`, `export X=1` keeps `export` as its name). */
  readonly name: ShellWord | null;
  readonly args: readonly ShellWord[];
  /** `X=1 cmd`, `export X=1`, `local x=$(…)`, `x=1`. */
  readonly assignments: readonly Assignment[];
  readonly nested: Nested | null;
}

export interface Pipeline extends Base {
  readonly kind: 'pipeline';
  readonly commands: readonly Statement[];
}

export interface AndOr extends Base {
  readonly kind: 'and' | 'or';
  readonly left: Statement;
  readonly right: Statement;
}

export interface Not extends Base {
  readonly kind: 'not';
  readonly body: Statement;
}

export interface Branch {
  readonly condition: readonly Statement[];
  readonly body: readonly Statement[];
  readonly line: number;
}

export interface If extends Base {
  readonly kind: 'if';
  /** `if` then each `elif`. */
  readonly branches: readonly Branch[];
  readonly otherwise: readonly Statement[] | null;
}

export interface Loop extends Base {
  readonly kind: 'while' | 'until';
  readonly condition: readonly Statement[];
  readonly body: readonly Statement[];
}

export interface For extends Base {
  readonly kind: 'for';
  readonly variable: string;
  /** Null for `for x; do` (the positional parameters) and C-style loops. */
  readonly words: readonly ShellWord[] | null;
  readonly body: readonly Statement[];
}

export interface CaseArm {
  readonly patterns: readonly ShellWord[];
  readonly body: readonly Statement[];
  readonly line: number;
}

export interface Case extends Base {
  readonly kind: 'case';
  readonly subject: ShellWord;
  readonly arms: readonly CaseArm[];
}

export interface Group extends Base {
  readonly kind: 'group' | 'subshell';
  readonly body: readonly Statement[];
}

export interface FunctionDefinition extends Base {
  readonly kind: 'function';
  readonly name: string;
  readonly body: readonly Statement[];
}

/** One comparison in a test: `"$code" = 429` is left "$code", operator `=`, right 429. */
export interface Comparison {
  readonly left: ShellWord | null;
  readonly operator: string;
  readonly right: ShellWord | null;
  /** Under a `!` inside the test. */
  readonly negated: boolean;
}

export interface Test extends Base {
  readonly kind: 'test';
  readonly comparisons: readonly Comparison[];
  /** Every word in it, operands of comparisons included. */
  readonly words: readonly ShellWord[];
}

export type Statement = SimpleCommand | Pipeline | AndOr | Not | If | Loop | For | Case | Group | FunctionDefinition | Test;

export interface SyntaxProblem {
  readonly line: number;
  /** What the parser met: "unexpected `then`", "missing `fi`". */
  readonly message: string;
}

export interface ShellScript {
  readonly statements: readonly Statement[];
  /** Empty when it parses; the script is then still what could be read around the problem. */
  readonly problems: readonly SyntaxProblem[];
}
