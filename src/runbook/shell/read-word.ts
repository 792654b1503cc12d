/**
 * A word of the syntax tree (`word`, `"string"`, `'raw'`, `$'ansi'`, a
 * concatenation, an expansion …) → ShellWord: what the command receives, with
 * quotes and escapes removed as bash removes them and expansions left as
 * written.
 */
import type { Node } from 'web-tree-sitter';
import type { ShellScript, ShellWord } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';

const expansions = new Set(['simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion']);
const substitutionTypes = new Set(['command_substitution', 'process_substitution']);
const ansiEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Backslash escapes outside quotes: `a\ b` → `a b`. */
const unquote = (text: string) => text.replace(/\\(\n|.)/g, (_, c: string) => (c === '\n' ? '' : c));
/** Inside double quotes a backslash escapes only $ ` " \ and the newline. */
const unquoteDouble = (text: string) => text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
const unquoteAnsi = (text: string) => text.replace(/\\(.)/g, (_, c: string) => ansiEscapes[c] ?? c);

function wordValue(node: Node): string {
  switch (node.type) {
    case 'word':
      return unquote(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return unquoteAnsi(node.text.slice(2, -1));
    case 'string':
    case 'translated_string':
    case 'concatenation':
      return joinedParts(node);
    default:
      return node.text;
  }
}

/** The parts' values with the source between them: tree-sitter leaves a string's newlines out of its parts. */
function joinedParts(node: Node): string {
  let value = '';
  let at = node.startIndex;
  for (const child of node.children) {
    value += node.text.slice(at - node.startIndex, child.startIndex - node.startIndex) + partValue(child);
    at = child.endIndex;
  }
  return value;
}

function partValue(node: Node): string {
  if (node.type === '"' || node.type === '$"') return '';
  if (node.type === 'string_content') return unquoteDouble(node.text);
  return wordValue(node);
}

/** Variables expanded in the word, and the nodes of its command substitutions (not looked into). */
function scan(node: Node, variables: string[], substitutions: Node[]): void {
  if (substitutionTypes.has(node.type)) {
    substitutions.push(node);
    return;
  }
  if (node.type === 'variable_name' || node.type === 'special_variable_name') variables.push(node.text);
  for (const child of node.children) scan(child, variables, substitutions);
}

function hasExpansion(node: Node): boolean {
  return expansions.has(node.type) || node.children.some(hasExpansion);
}

export function readWord(node: Node, reader: TreeReader): ShellWord {
  const variables: string[] = [];
  const substitutionNodes: Node[] = [];
  scan(node, variables, substitutionNodes);
  const substitutions: ShellScript[] = substitutionNodes.map((s) => ({ statements: reader.statements(s), problems: [] }));
  const tilde = node.type === 'word' && node.text.startsWith('~');
  return {
    text: node.text,
    value: wordValue(node),
    literal: !tilde && !hasExpansion(node),
    line: reader.line(node),
    variables: [...new Set(variables)],
    substitutions,
  };
}

/** A word made of plain text (a value split out of another word, e.g. `env`'s `X=1`). */
export function textWord(value: string, line: number, from?: ShellWord): ShellWord {
  return {
    text: value,
    value,
    literal: from?.literal ?? true,
    line,
    variables: from?.variables ?? [],
    substitutions: from?.substitutions ?? [],
  };
}
