/**
 * Bash source → ShellScript (shell-model.ts), lines counted from `firstLine`
 * (the runbook line of the source's first line). tree-sitter recovers from
 * syntax errors, so a script that does not parse still comes back with what
 * could be read, and with the first problem in `problems`; it never throws for
 * bad input.
 */
import type { Node } from 'web-tree-sitter';
import { withBashTree } from './bash-parser.ts';
import { isHereDocAmpersand } from './read-redirect.ts';
import { readStatement } from './read-statement.ts';
import type { ShellScript, SyntaxProblem } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';

/** Words bash reads as syntax where a command is expected (tree-sitter takes them for command names). */
const reserved = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', 'in']);
/** What tree-sitter calls the tokens it found missing, as a reader would. */
const missingNames: Record<string, string> = { heredoc_end: "the here-document's closing delimiter" };

function firstLeaf(node: Node): Node {
  let leaf = node;
  while (leaf.childCount > 0 && leaf.children[0]) leaf = leaf.children[0];
  return leaf;
}

/** The first ERROR or MISSING node, in source order, as bash would name it. */
function firstProblem(node: Node, reader: TreeReader): SyntaxProblem | null {
  if (!node.hasError && !node.isMissing) return null;
  if (node.isMissing) {
    const opened =
      node.parent && node.parent.startPosition.row !== node.startPosition.row
        ? ` for the \`${firstLeaf(node.parent).text}\` on line ${reader.line(node.parent)}`
        : '';
    return { line: reader.line(node), message: `missing ${missingNames[node.type] ?? `\`${node.type}\``}${opened}` };
  }
  if (node.isError && !isHereDocAmpersand(node)) {
    const leaf = firstLeaf(node);
    const token = leaf.text.split('\n')[0]!.slice(0, 40);
    return { line: reader.line(leaf), message: token ? `unexpected \`${token}\`` : 'unexpected end of the script' };
  }
  for (const child of node.children) {
    const problem = firstProblem(child, reader);
    if (problem) return problem;
  }
  return null;
}

function readerFrom(firstLine: number, oneLine: boolean): TreeReader {
  const reader: TreeReader = {
    line: (node) => firstLine + (oneLine ? 0 : node.startPosition.row),
    statements: (parent) => parent.children.flatMap((child) => readStatement(child, reader)),
    statement: (node) => readStatement(node, reader),
    script: parseShell,
  };
  return reader;
}

/** A reserved word where a command is expected: `done` with no loop open. */
function strayKeyword(root: Node, reader: TreeReader): SyntaxProblem | null {
  const stray = root.descendantsOfType('command_name').find((name) => reserved.has(name.text));
  return stray ? { line: reader.line(stray), message: `unexpected \`${stray.text}\`` } : null;
}

/** `oneLine`: the source was made on one runbook line (`printf 'a\nb' | sh`), so every line of it is that line. */
export function parseShell(source: string, firstLine = 1, oneLine = false): ShellScript {
  return withBashTree(source, (root) => {
    const reader = readerFrom(firstLine, oneLine);
    const problems = [firstProblem(root, reader), strayKeyword(root, reader)].filter((p) => p !== null);
    const first = problems.sort((a, b) => a.line - b.line)[0];
    // What is missing at the end of the input is named at the script's last line, not the line after it.
    const lastLine = oneLine ? firstLine : firstLine + source.trimEnd().split('\n').length - 1;
    return { statements: reader.statements(root), problems: first ? [{ ...first, line: Math.min(first.line, lastLine) }] : [] };
  });
}
