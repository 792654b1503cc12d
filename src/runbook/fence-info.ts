/**
 * The info string of a fenced block: a language, then optionally attributes in
 * braces, as pandoc and many renderers write them:
 *
 *   bash {id=redis.restart timeout=20s expect-output="answering on port \d+"}
 *
 * Values are bare (no spaces, no `}`) or double-quoted (`\"` and `\\` escape).
 */
export interface FenceInfo {
  readonly lang: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export type FenceInfoResult = { readonly ok: true; readonly info: FenceInfo } | { readonly ok: false; readonly error: string };

const pair = /\s*([A-Za-z][\w-]*)=("(?:[^"\\]|\\.)*"|[^\s"}]+)\s*/y;

export function parseFenceInfo(raw: string): FenceInfoResult {
  const text = raw.trim();
  const brace = text.indexOf('{');
  const lang = (brace < 0 ? text : text.slice(0, brace)).trim().split(/\s+/)[0] ?? '';
  if (brace < 0) return { ok: true, info: { lang, attributes: {} } };
  const close = text.lastIndexOf('}');
  if (close < brace || text.slice(close + 1).trim() !== '') {
    return { ok: false, error: `info string "${raw}" opens "{" without a closing "}" at its end` };
  }
  const attributes = parseAttributes(text.slice(brace + 1, close));
  return typeof attributes === 'string'
    ? { ok: false, error: `info string "${raw}": ${attributes}` }
    : { ok: true, info: { lang, attributes } };
}

/** The attribute pairs, or a sentence saying where they stop making sense. */
function parseAttributes(body: string): Record<string, string> | string {
  const attributes: Record<string, string> = {};
  pair.lastIndex = 0;
  while (pair.lastIndex < body.length) {
    const start = pair.lastIndex;
    const match = pair.exec(body);
    if (!match) {
      if (body.slice(start).trim() === '') break;
      return `expected key=value at "${body.slice(start).trim()}"`;
    }
    const [, key = '', value = ''] = match;
    if (key in attributes) return `attribute "${key}" is given twice`;
    attributes[key] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return attributes;
}
