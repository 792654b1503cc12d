/**
 * Compound statements: if/elif/else, while/until, for, case, functions and
 * groups, each with its conditions and bodies as statement lists.
 */
import type { Node } from 'web-tree-sitter';
import { readWord } from './read-word.ts';
import type { Branch, CaseArm, Statement } from './shell-model.ts';
import { fields, type TreeReader } from './tree-reader.ts';

type Base = { line: number; endLine: number; text: string; redirects: [] };

function base(node: Node, reader: TreeReader): Base {
  const line = reader.line(node);
  return { line, endLine: line + node.endPosition.row - node.startPosition.row, text: node.text, redirects: [] };
}

/** The statements among the children of `node` in field `field` (null: those without a field). */
function statementsIn(node: Node, reader: TreeReader, field: string | null): Statement[] {
  return fields(node)
    .filter((entry) => entry.field === field)
    .flatMap(({ child }) => reader.statement(child));
}

/** An `if` or `elif`: the statements before its `then` are the condition, those after it the body. */
function branch(node: Node, reader: TreeReader): Branch {
  const then = node.children.findIndex((child) => child.type === 'then');
  const own = node.children.filter((child) => child.type !== 'elif_clause' && child.type !== 'else_clause');
  const split = then < 0 ? own.length : own.indexOf(node.children[then]!);
  const read = (children: Node[]) => children.flatMap((child) => reader.statement(child));
  return { condition: read(own.slice(0, split)), body: read(own.slice(split + 1)), line: reader.line(node) };
}

function readIf(node: Node, reader: TreeReader): Statement {
  const elifs = node.children.filter((child) => child.type === 'elif_clause').map((child) => branch(child, reader));
  const otherwise = node.children.find((child) => child.type === 'else_clause');
  return {
    kind: 'if',
    ...base(node, reader),
    branches: [branch(node, reader), ...elifs],
    otherwise: otherwise ? reader.statements(otherwise) : null,
  };
}

function body(node: Node, reader: TreeReader): Statement[] {
  const group = node.childForFieldName('body');
  return group ? reader.statements(group) : [];
}

function readLoop(node: Node, reader: TreeReader): Statement {
  const kind = node.children[0]?.type === 'until' ? 'until' : 'while';
  return { kind, ...base(node, reader), condition: statementsIn(node, reader, 'condition'), body: body(node, reader) };
}

function readFor(node: Node, reader: TreeReader): Statement {
  const words = node.childrenForFieldName('value').map((word) => readWord(word, reader));
  const variable = node.childForFieldName('variable')?.text ?? '';
  const hasIn = node.children.some((child) => child.type === 'in');
  return {
    kind: 'for',
    ...base(node, reader),
    variable,
    words: node.type === 'for_statement' && hasIn ? words : null,
    body: body(node, reader),
  };
}

function readCase(node: Node, reader: TreeReader): Statement {
  const subject = node.childForFieldName('value');
  const arms: CaseArm[] = node.children
    .filter((child) => child.type === 'case_item')
    .map((item) => ({
      patterns: item.childrenForFieldName('value').map((word) => readWord(word, reader)),
      body: reader.statements(item),
      line: reader.line(item),
    }));
  return { kind: 'case', ...base(node, reader), subject: readWord(subject ?? node, reader), arms };
}

export function readCompound(node: Node, reader: TreeReader): Statement | null {
  switch (node.type) {
    case 'if_statement':
      return readIf(node, reader);
    case 'while_statement':
      return readLoop(node, reader);
    case 'for_statement':
    case 'c_style_for_statement':
      return readFor(node, reader);
    case 'case_statement':
      return readCase(node, reader);
    case 'function_definition':
      return { kind: 'function', ...base(node, reader), name: node.childForFieldName('name')?.text ?? '', body: body(node, reader) };
    case 'subshell':
    case 'compound_statement':
      return { kind: node.type === 'subshell' ? 'subshell' : 'group', ...base(node, reader), body: reader.statements(node) };
    default:
      return null;
  }
}
