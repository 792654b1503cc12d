/**
 * Simple commands: `X=1 cmd args >out`, the declarations (`export X=1`,
 * `local x`), assignments alone (`x=$(…)`) and `unset`, each → SimpleCommand
 * with the command it runs (`nested`) when it is a wrapper or a shell.
 */
import type { Node } from 'web-tree-sitter';
import { redirectedInput } from './known-input.ts';
import { nestedCommand } from './nested-command.ts';
import { readRedirects, redirectTypes } from './read-redirect.ts';
import { readWord, textWord } from './read-word.ts';
import type { Assignment, Redirect, ShellWord, SimpleCommand } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';
import { assignmentsInWords } from './word-assignments.ts';

const declarations = new Set(['export', 'local', 'declare', 'readonly', 'typeset']);

function readAssignment(node: Node, reader: TreeReader): Assignment {
  const value = node.childForFieldName('value');
  return { name: node.childForFieldName('name')?.text ?? '', value: value ? readWord(value, reader) : null, line: reader.line(node) };
}

export function simpleCommand(
  node: Node,
  reader: TreeReader,
  parts: { name: ShellWord | null; args: ShellWord[]; assignments: Assignment[]; redirects: Redirect[] },
): SimpleCommand {
  // `local a=b` read as a command named local (tree-sitter does so after a line of assignments).
  const declared = parts.name !== null && declarations.has(parts.name.value) ? assignmentsInWords(parts.args) : [];
  return {
    kind: 'command',
    line: reader.line(node),
    endLine: node.endPosition.row + reader.line(node) - node.startPosition.row,
    text: node.text,
    redirects: parts.redirects,
    name: parts.name,
    args: parts.args,
    assignments: [...parts.assignments, ...declared],
    nested: parts.name ? nestedCommand(parts.name, parts.args, redirectedInput(parts.redirects), reader) : null,
  };
}

/** A `command` node, with the redirects its statement adds (`redirected_statement`). */
export function readCommand(node: Node, reader: TreeReader, outer: readonly Redirect[] = []): SimpleCommand {
  const nameNode = node.childForFieldName('name');
  const parts = {
    name: nameNode ? readWord(nameNode.namedChildren[0] ?? nameNode, reader) : null,
    args: node.childrenForFieldName('argument').map((arg) => readWord(arg, reader)),
    assignments: node.children.filter((c) => c.type === 'variable_assignment').map((c) => readAssignment(c, reader)),
    redirects: [...node.children.filter((c) => redirectTypes.has(c.type)).flatMap((c) => readRedirects(c, reader)), ...outer],
  };
  return simpleCommand(node, reader, parts);
}

/** `export X=1 Y`, `local x`, `x=1`, `a=1 b=2`, `unset X`. */
export function readDeclaration(node: Node, reader: TreeReader, outer: readonly Redirect[] = []): SimpleCommand {
  const keyword = node.children[0];
  const isKeyword = keyword !== undefined && !keyword.isNamed;
  const assignmentNodes = node.type === 'variable_assignment' ? [node] : node.namedChildren.filter((c) => c.type === 'variable_assignment');
  const words = node.namedChildren.filter((c) => c.type !== 'variable_assignment');
  const word = (child: Node) => (child.type === 'variable_name' ? textWord(child.text, reader.line(child)) : readWord(child, reader));
  return simpleCommand(node, reader, {
    name: isKeyword ? textWord(keyword.type, reader.line(keyword)) : null,
    args: isKeyword ? words.map(word) : [],
    assignments: assignmentNodes.map((c) => readAssignment(c, reader)),
    redirects: [...outer],
  });
}
