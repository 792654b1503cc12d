/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code unit, no
 * whitespace, strings and numbers as JSON.stringify writes them. For values
 * read back with JSON.parse (finite numbers, no undefined) this is RFC 8785
 * (JCS), whose number and string forms are ECMAScript's; a key whose value is
 * undefined is left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`canonical JSON has no form for the number ${value}`);
  return JSON.stringify(value) ?? 'null';
}
