/**
 * What the readers of the syntax tree share: where the script starts in the
 * runbook, and how to read a list of statements (so that a word can read the
 * command substitutions inside it without the modules importing each other).
 */
import type { Node } from 'web-tree-sitter';
import type { ShellScript, Statement } from './shell-model.ts';

export interface TreeReader {
  /** The runbook line of a node. */
  line(node: Node): number;
  /** The statements among a node's children (a program, a `do` group, a substitution's inside). */
  statements(parent: Node): Statement[];
  /** One node as statements: none for a comment or token, several for what an ERROR node holds. */
  statement(node: Node): Statement[];
  /** Parses a command string (`bash -c '…'`, `ssh host '…'`) that starts on `line`; `oneLine`: all of it is on that line (see KnownInput). */
  script(source: string, line: number, oneLine?: boolean): ShellScript;
}

/** A node's children with their field names (`condition`, `body`, `argument` …). */
export function fields(node: Node): { field: string | null; child: Node }[] {
  return node.children.map((child, index) => ({ field: node.fieldNameForChild(index), child }));
}
