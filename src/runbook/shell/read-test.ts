/**
 * Tests — `[ "$code" = 429 ]`, `[[ $code =~ ^4(18|29)$ && -n $x ]]`,
 * `(( code == 429 ))`, `test "$code" != 418` — as the comparisons they make,
 * each with whether a `!` inside the test negates it.
 */
import type { Node } from 'web-tree-sitter';
import { readWord } from './read-word.ts';
import type { Comparison, ShellWord, Test } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';

const comparisonOperators = new Set(['=', '==', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const wordTypes = new Set([
  'word',
  'string',
  'raw_string',
  'ansi_c_string',
  'concatenation',
  'simple_expansion',
  'expansion',
  'command_substitution',
  'number',
  'regex',
  'variable_name',
  'extglob_pattern',
  'arithmetic_expansion',
]);

function collect(node: Node, negated: boolean, reader: TreeReader, into: { comparisons: Comparison[]; words: ShellWord[] }): void {
  if (wordTypes.has(node.type)) {
    into.words.push(readWord(node, reader));
    return;
  }
  const operator = node.childForFieldName('operator')?.text;
  if (node.type === 'binary_expression' && operator && comparisonOperators.has(operator)) {
    // tree-sitter binds `!` to the left operand (`! $x == 1`); bash negates the comparison.
    const left = node.childForFieldName('left');
    const bang = left?.type === 'unary_expression' && left.childForFieldName('operator')?.text === '!';
    const word = (child: Node | null | undefined) => (child ? readWord(child, reader) : null);
    const comparison = {
      left: word(bang ? left.namedChildren.at(-1) : left),
      operator,
      right: word(node.childForFieldName('right')),
      negated: bang ? !negated : negated,
    };
    into.comparisons.push(comparison);
    for (const side of [comparison.left, comparison.right]) if (side) into.words.push(side);
    return;
  }
  const flips = node.type === 'unary_expression' && operator === '!';
  for (const child of node.namedChildren) collect(child, flips ? !negated : negated, reader, into);
}

export function readTest(node: Node, reader: TreeReader): Test {
  const into = { comparisons: [] as Comparison[], words: [] as ShellWord[] };
  for (const child of node.namedChildren) collect(child, false, reader, into);
  return testOf(node, reader, into);
}

/** `test a = b` / `[ a = b ]` written as a command: comparisons from its words, `!` before one negating it. */
export function testCommand(node: Node, reader: TreeReader, args: readonly ShellWord[]): Test {
  const comparisons: Comparison[] = [];
  args.forEach((word, index) => {
    if (!comparisonOperators.has(word.value) || index === 0) return;
    comparisons.push({
      left: args[index - 1] ?? null,
      operator: word.value,
      right: args[index + 1] ?? null,
      negated: args[index - 2]?.value === '!',
    });
  });
  return testOf(node, reader, { comparisons, words: [...args] });
}

function testOf(node: Node, reader: TreeReader, parts: { comparisons: Comparison[]; words: ShellWord[] }): Test {
  const line = reader.line(node);
  return { kind: 'test', line, endLine: line + node.endPosition.row - node.startPosition.row, text: node.text, redirects: [], ...parts };
}
