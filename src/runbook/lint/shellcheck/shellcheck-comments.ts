/** ShellCheck's json1 comments, moved from the files it read to the runbook's lines and columns. */
import type { BlockScript } from './block-script.ts';

export const shellcheckLevels = ['error', 'warning', 'info', 'style'] as const;
export type ShellcheckLevel = (typeof shellcheckLevels)[number];

export interface ShellcheckComment {
  /** 2086 for SC2086. */
  readonly code: number;
  readonly level: ShellcheckLevel;
  readonly message: string;
  /** In the runbook, 1-based; the end column is exclusive, as ShellCheck's and SARIF's are. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

interface Json1Comment {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly level: ShellcheckLevel;
  readonly code: number;
  readonly message: string;
}

export function toComments(outputs: readonly string[], scripts: ReadonlyMap<string, BlockScript>): ShellcheckComment[] {
  return outputs.flatMap((output) =>
    (JSON.parse(output) as { comments: Json1Comment[] }).comments.flatMap((comment) => {
      const script = scripts.get(comment.file);
      if (!script) return [];
      const start = script.toRunbook(comment.line, comment.column);
      const end = script.toRunbook(comment.endLine, comment.endColumn);
      return [{ code: comment.code, level: comment.level, message: comment.message, ...start, endLine: end.line, endColumn: end.column }];
    }),
  );
}
