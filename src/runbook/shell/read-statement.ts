/**
 * One node of tree-sitter-bash's tree → the statements of the model
 * (shell-model.ts). Lists and pipelines keep their shape; a statement's
 * redirects are attached to it; a here-document's line that goes on
 * (`redis-cli <<EOF | cat`) becomes the pipeline or list it is; a shell at
 * the end of a pipe runs what an `echo` before it prints. What an ERROR node
 * holds is read for the statements in it. A statement followed by `&` is
 * marked `background`.
 */
import type { Node } from 'web-tree-sitter';
import { readCommand, readDeclaration } from './read-command.ts';
import { feedPipeline } from './piped-input.ts';
import { readCompound } from './read-compound.ts';
import { hereDocBackground, hereDocContinuation, readRedirects, redirectTypes } from './read-redirect.ts';
import { readTest, testCommand } from './read-test.ts';
import type { Redirect, Statement } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';

const declarationTypes = new Set(['declaration_command', 'unset_command', 'variable_assignment', 'variable_assignments']);

function span(node: Node, reader: TreeReader) {
  const line = reader.line(node);
  return { line, endLine: line + node.endPosition.row - node.startPosition.row, text: node.text };
}

function withRedirects(statement: Statement, redirects: readonly Redirect[]): Statement {
  return redirects.length === 0 ? statement : { ...statement, redirects: [...statement.redirects, ...redirects] };
}

function readRedirected(node: Node, reader: TreeReader): Statement[] {
  const redirectNodes = node.children.filter((child) => redirectTypes.has(child.type));
  const redirects = redirectNodes.flatMap((child) => readRedirects(child, reader));
  const body = node.childForFieldName('body');
  const statement: Statement =
    body?.type === 'command'
      ? readCommand(body, reader, redirects)
      : body && declarationTypes.has(body.type)
        ? readDeclaration(body, reader, redirects)
        : withRedirects(readOne(body, reader) ?? { kind: 'group', ...span(node, reader), redirects: [], body: [] }, redirects);
  const continuation = redirectNodes.map(hereDocContinuation).find((found) => found !== null);
  if (!continuation) return [statement];
  const rest = continuation.node.type === 'pipeline' ? reader.statements(continuation.node) : reader.statement(continuation.node);
  if (continuation.op === '|')
    return [{ kind: 'pipeline', ...span(node, reader), redirects: [], commands: feedPipeline([statement, ...rest], reader) }];
  const right = rest[0];
  return right
    ? [{ kind: continuation.op === '&&' ? 'and' : 'or', ...span(node, reader), redirects: [], left: statement, right }]
    : [statement];
}

function readList(node: Node, reader: TreeReader): Statement | null {
  const [left, right] = node.namedChildren.flatMap((child) => reader.statement(child));
  const op = node.children.find((child) => child.type === '&&' || child.type === '||')?.type;
  if (!left || !right) return left ?? null;
  return { kind: op === '||' ? 'or' : 'and', ...span(node, reader), redirects: [], left, right };
}

/** `! a | b` negates the whole pipeline in bash; tree-sitter puts the `!` on its first command. */
function readPipeline(node: Node, reader: TreeReader): Statement {
  const [first, ...rest] = reader.statements(node);
  const negated = first?.kind === 'not';
  const commands = feedPipeline(first ? [negated ? first.body : first, ...rest] : rest, reader);
  const pipeline: Statement = { kind: 'pipeline', ...span(node, reader), redirects: [], commands };
  return negated ? { kind: 'not', ...span(node, reader), redirects: [], body: pipeline } : pipeline;
}

function readOne(node: Node | null, reader: TreeReader): Statement | null {
  if (!node) return null;
  if (node.type === 'command') {
    const command = readCommand(node, reader);
    return command.name?.value === 'test' ? testCommand(node, reader, command.args) : command;
  }
  if (declarationTypes.has(node.type)) return readDeclaration(node, reader);
  if (node.type === 'test_command') return readTest(node, reader);
  if (node.type === 'compound_statement' && node.children[0]?.type === '((') return readTest(node, reader);
  if (node.type === 'list') return readList(node, reader);
  if (node.type === 'pipeline') return readPipeline(node, reader);
  if (node.type === 'negated_command') {
    const body = node.namedChildren.flatMap((child) => reader.statement(child))[0];
    return body ? { kind: 'not', ...span(node, reader), redirects: [], body } : null;
  }
  return readCompound(node, reader);
}

/** The statement ends in `&`: tree-sitter puts the `&` after it in its list, or, after a here-document's delimiter, in an ERROR node of its own. */
function inBackground(node: Node): boolean {
  if (node.nextSibling?.type === '&') return true;
  return (
    node.type === 'redirected_statement' && node.children.some((child) => child.type === 'heredoc_redirect' && hereDocBackground(child))
  );
}

function readAny(node: Node, reader: TreeReader): Statement[] {
  if (node.type === 'ERROR') return reader.statements(node);
  if (node.type === 'redirected_statement') return readRedirected(node, reader);
  const statement = node.isNamed ? readOne(node, reader) : null;
  return statement ? [statement] : [];
}

/** A node as statements: a redirected statement may be a pipeline or list, an ERROR node holds several. */
export function readStatement(node: Node, reader: TreeReader): Statement[] {
  const statements = readAny(node, reader);
  return node.type !== 'ERROR' && inBackground(node) ? statements.map((statement) => ({ ...statement, background: true })) : statements;
}
