/**
 * tree-sitter-bash, loaded once per process. Loading is asynchronous (two
 * WebAssembly modules, about 0.1 s); parsing after that is synchronous, so the
 * lint rules stay plain functions. The module awaits the load at its top
 * level: importing it is what pays the cost, once.
 */
import './liftoff-only.ts';
import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';

const grammarPath = createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');

await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(grammarPath));

/**
 * Parses `source` and hands the tree's root to `read`; the tree lives in
 * WebAssembly memory and is freed when `read` returns, so keep nothing of it.
 */
export function withBashTree<T>(source: string, read: (root: Node) => T): T {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter-bash returned no tree (the parser has no language set)');
  try {
    return read(tree.rootNode);
  } finally {
    tree.delete();
  }
}
