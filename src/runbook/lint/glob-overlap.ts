/**
 * Whether two Redis globs (`*`, `?`, `[a-z]`, `[^…]`, `\` escapes) can match
 * the same key: `rategate:binance:*` and `rategate:?*:strikes` can
 * (`rategate:binance:strikes`), `session:*` and `rategate:*` cannot. Read as
 * two automata walked together: a pair of positions is reachable when some
 * key prefix takes each glob there.
 */
type Token = { readonly star: true } | { readonly star: false; readonly accepts: (char: string) => boolean };

function setAccepts(body: string): (char: string) => boolean {
  const negated = body.startsWith('^');
  const ranges = [...(negated ? body.slice(1) : body).matchAll(/\\?(.)(?:-\\?(.))?/gs)].map(([, from, to]) => [from!, to ?? from!]);
  return (char) => ranges.some(([from, to]) => from! <= char && char <= to!) !== negated;
}

function tokens(glob: string): Token[] {
  return [...glob.matchAll(/\\(.)|(\*)|(\?)|\[([^\]]*)\]|(.)/gs)].map(([, escaped, star, any, set, literal]) => {
    if (star) return { star: true };
    if (any) return { star: false, accepts: () => true };
    if (set !== undefined) return { star: false, accepts: setAccepts(set) };
    const char = escaped ?? literal!;
    return { star: false, accepts: (c: string) => c === char };
  });
}

export function globsOverlap(first: string, second: string): boolean {
  const [a, b] = [tokens(first), tokens(second)];
  // Characters either glob names, and one neither does: enough to find a common character of any two tokens.
  const candidates = [...new Set([...first, ...second, '\u0001'])];
  const seen = new Set<string>();
  const pending: [number, number][] = [[0, 0]];
  const visit = (i: number, j: number) => {
    if (seen.has(`${i},${j}`)) return;
    seen.add(`${i},${j}`);
    pending.push([i, j]);
  };
  while (pending.length > 0) {
    const [i, j] = pending.pop()!;
    if (i === a.length && j === b.length) return true;
    const [x, y] = [a[i], b[j]];
    if (x?.star) visit(i + 1, j);
    if (y?.star) visit(i, j + 1);
    if (x === undefined || y === undefined) continue;
    const both = (c: string) => (x.star || x.accepts(c)) && (y.star || y.accepts(c));
    if (candidates.some(both)) visit(x.star ? i : i + 1, y.star ? j : j + 1);
  }
  return false;
}
