/**
 * Where a value sits in a YAML document: the 1-based line of the node at a
 * JSON-pointer-like path (`['controls', 3, 'scenarios', 1]`), or of a map's
 * key when the problem is the key itself (an unknown field). 0 when the path
 * reaches nothing in the text.
 */
import { type Document, isMap, isNode, isScalar, type LineCounter } from 'yaml';

export interface YamlLines {
  /** The line of the value at `path`; with `key`, of that key inside the map at `path`. */
  lineOf(path: readonly (string | number)[], key?: string): number;
}

export function yamlLines(document: Document, counter: LineCounter): YamlLines {
  const lineAt = (offset: number | undefined) => (offset === undefined ? 0 : counter.linePos(offset).line);
  return {
    lineOf(path, key) {
      const node = path.length === 0 ? document.contents : document.getIn(path, true);
      if (key !== undefined && isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
        if (pair && isNode(pair.key)) return lineAt(pair.key.range?.[0]);
      }
      return isNode(node) ? lineAt(node.range?.[0]) : 0;
    },
  };
}
