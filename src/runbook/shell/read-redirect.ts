/**
 * Redirections: `> file`, `2>&1`, `< <(cmd)`, `<<< "$x"`, and here-documents
 * with their body (what a `redis-cli <<EOF` sends, what a `cat > conf <<EOF`
 * writes).
 */
import type { Node } from 'web-tree-sitter';
import { readWord } from './read-word.ts';
import type { HereDoc, Redirect, ShellScript } from './shell-model.ts';
import { fields, type TreeReader } from './tree-reader.ts';

export const redirectTypes = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);

/** The part of a here-document redirect that continues the statement: `cat <<EOF | grep x`, `cat <<EOF && echo`. */
export interface HereDocContinuation {
  readonly op: '|' | '&&' | '||';
  readonly node: Node;
}

function hereDoc(node: Node, reader: TreeReader): HereDoc | null {
  const body = node.children.find((child) => child.type === 'heredoc_body');
  if (!body) return null;
  const start = node.children.find((child) => child.type === 'heredoc_start')?.text ?? '';
  const substitutions: ShellScript[] = body.children
    .filter((child) => child.type === 'command_substitution')
    .map((child) => ({ statements: reader.statements(child), problems: [] }));
  return { body: body.text, expands: !/['"\\]/.test(start), line: reader.line(body), substitutions };
}

function target(node: Node, reader: TreeReader) {
  const word = node.childForFieldName('destination') ?? node.namedChildren.find((child) => child.type !== 'file_descriptor');
  return word && node.type !== 'heredoc_redirect' ? readWord(word, reader) : null;
}

/** One redirect node → Redirect, plus the redirects nested in a here-document's line (`cat <<EOF > file`). */
export function readRedirects(node: Node, reader: TreeReader): Redirect[] {
  const op = node.children.find((child) => !child.isNamed && child.type !== '&&' && child.type !== '||')?.type ?? '';
  const own: Redirect = {
    op,
    target: target(node, reader),
    hereDoc: node.type === 'heredoc_redirect' ? hereDoc(node, reader) : null,
    line: reader.line(node),
  };
  const inner = node.type === 'heredoc_redirect' ? node.children.filter((child) => child.type === 'file_redirect') : [];
  return [own, ...inner.flatMap((child) => readRedirects(child, reader))];
}

/** What follows a here-document's delimiter on its line, if it continues the statement. */
export function hereDocContinuation(node: Node): HereDocContinuation | null {
  for (const { field, child } of fields(node)) {
    if (child.type === 'pipeline') return { op: '|', node: child };
    if (field === 'right') {
      const op = node.children.find((c) => c.type === '&&' || c.type === '||')?.type;
      return { op: op === '||' ? '||' : '&&', node: child };
    }
  }
  return null;
}

/** `cat <<EOF &`: tree-sitter-bash reads the `&` after a here-document's delimiter as an ERROR holding only it; bash runs the statement in the background. */
export const isHereDocAmpersand = (node: Node) =>
  node.type === 'ERROR' && node.parent?.type === 'heredoc_redirect' && node.childCount === 1 && node.children[0]?.type === '&';

export const hereDocBackground = (node: Node) => node.children.some(isHereDocAmpersand);
