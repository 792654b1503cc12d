import { tableFields } from './header-table.ts';

/**
 * The version header near the top: `**Version**: 1.1.0 · **Matches commit**: <sha>`
 * (bold or not, with or without backticks, `Commit` for `Matches commit`, on
 * one line or two, or as a table: header-table.ts). Only the preamble counts,
 * the lines before the first `##` section, and only a label that starts a
 * line or follows a `·` or `|`: "PM2 version: 7.0.4" in a sentence is not the
 * runbook's version.
 */
export interface VersionHeader {
  readonly version: string | null;
  readonly commit: string | null;
  readonly headerLine: number | null;
}

const headerLines = 40;
const labelStart = String.raw`(?:^\s*(?:[-*+>]\s+)?|[|·•]\s*)`;
const field = (name: string) => new RegExp(`${labelStart}\\**(?:${name})\\**\\s*:\\**\\s*\`?([^\\s\`|·*]+)`, 'i');
const versionField = field('version');
const commitField = field('matches commit|commit');

export function readHeader(lines: readonly string[]): VersionHeader {
  const preamble = lines.slice(0, headerLines);
  const sectionStart = preamble.findIndex((text) => /^ {0,3}#{2,6}(\s|$)/.test(text));
  const header = sectionStart < 0 ? preamble : preamble.slice(0, sectionStart);
  let version: string | null = null;
  let commit: string | null = null;
  let headerLine: number | null = null;
  header.forEach((text, index) => {
    const v = version === null ? versionField.exec(text)?.[1] : undefined;
    const c = commit === null ? commitField.exec(text)?.[1] : undefined;
    if (v !== undefined) version = v;
    if (c !== undefined) commit = c;
    if ((v !== undefined || c !== undefined) && headerLine === null) headerLine = index + 1;
  });
  const table = tableFields(header);
  return {
    version: version ?? table.version ?? null,
    commit: commit ?? table.commit ?? null,
    headerLine: headerLine === null || table.line === undefined ? (headerLine ?? table.line ?? null) : Math.min(headerLine, table.line),
  };
}
