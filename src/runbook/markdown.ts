/**
 * The Markdown library behind the parser: markdown-it.
 *
 * Why markdown-it rather than remark/mdast: it is CommonMark-compliant (with
 * GFM tables), one small dependency, and its block tokens carry exactly what a
 * runbook parser needs — `map` (the source line range of headings, fences and
 * table rows), the fence's raw `info` string and `markup`. It is also fast and
 * linear: a 10 MB file parses in about a second. We stop it after the block
 * phase (inline parsing is disabled): headings and table cells keep their raw
 * text, and no inline construct (emphasis, links) can cost time.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
markdown.core.ruler.disable(['inline', 'replacements', 'smartquotes', 'text_join']);

export interface Heading {
  readonly title: string;
  readonly level: number;
  /** 1-based */
  readonly line: number;
}

export interface Fence {
  readonly info: string;
  readonly markup: string;
  readonly content: string;
  /** 1-based line of the opening fence */
  readonly line: number;
  /** 1-based line of the last line the fence covers (its closing fence, when closed) */
  readonly lastLine: number;
}

export interface TableRows {
  readonly line: number;
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

export interface BlockTokens {
  readonly headings: readonly Heading[];
  readonly fences: readonly Fence[];
  readonly tables: readonly TableRows[];
}

export function parseBlocks(source: string): BlockTokens {
  const tokens = markdown.parse(source, {});
  const headings: Heading[] = [];
  const fences: Fence[] = [];
  const tables: TableRows[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'heading_open') {
      headings.push({ title: (tokens[i + 1]?.content ?? '').trim(), level: Number(token.tag.slice(1)), line });
    } else if (token.type === 'fence') {
      fences.push({ info: token.info, markup: token.markup, content: token.content, line, lastLine: token.map?.[1] ?? line });
    } else if (token.type === 'table_open') {
      tables.push({ line, rows: tableRows(tokens, i) });
    }
  }
  return { headings, fences, tables };
}

function tableRows(tokens: readonly Token[], start: number): TableRows['rows'] {
  const rows: { line: number; cells: string[] }[] = [];
  for (let i = start; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const token = tokens[i]!;
    if (token.type === 'tr_open') rows.push({ line: (token.map?.[0] ?? 0) + 1, cells: [] });
    else if (token.type === 'inline') rows.at(-1)?.cells.push(token.content.trim());
  }
  return rows;
}
