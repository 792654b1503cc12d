/**
 * One shell block as the file ShellCheck reads, and the way back from that
 * file's lines and columns to the runbook's. The variables firedrill gives
 * every step are declared on one line (`export PGHOST REDIS_PORT …`) inserted
 * after the block's leading comments, so a `# shellcheck disable=…` the block
 * opens with keeps applying to all of it:
 *
 *   runbook                               file ShellCheck reads
 *   ```bash {id=x}          (line L)
 *   # shellcheck disable=SC2029  L+1  →  1  # shellcheck disable=SC2029
 *                                        2  export PGHOST REDIS_PORT …
 *   ssh host "redis-cli …"       L+2  →  3  ssh host "redis-cli …"
 */
import type { CodeBlock } from '../../runbook.ts';

export interface BlockScript {
  readonly text: string;
  /** A 1-based line and column of the file, as the runbook's line and column. */
  toRunbook(line: number, column: number): { readonly line: number; readonly column: number };
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function blockScript(block: CodeBlock, runbookLines: readonly string[], assigned: readonly string[]): BlockScript {
  const code = block.code.split('\n');
  if (code.at(-1) === '') code.pop();
  const names = assigned.filter((name) => identifier.test(name));
  const at = names.length === 0 ? -1 : leadingComments(code);
  const text = at < 0 ? block.code : [...code.slice(0, at), `export ${names.join(' ')}`, ...code.slice(at), ''].join('\n');
  return {
    text,
    toRunbook(line, column) {
      // The declaration line itself stands for the code line it was put before.
      const index = Math.min(Math.max(at < 0 || line <= at + 1 ? line - 1 : line - 2, 0), Math.max(code.length - 1, 0));
      const runbookLine = block.line + 1 + index;
      return { line: runbookLine, column: column + indentation(runbookLines[runbookLine - 1] ?? '', code[index] ?? '') };
    },
  };
}

/** How many lines the block opens with that are comments or blank. */
function leadingComments(code: readonly string[]): number {
  const first = code.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return first < 0 ? code.length : first;
}

/** What the Markdown took off the source line (a list item's indentation, a quote's `> `). */
function indentation(source: string, codeLine: string): number {
  return source.endsWith(codeLine) ? source.length - codeLine.length : 0;
}
