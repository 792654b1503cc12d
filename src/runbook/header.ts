/**
 * The version header near the top: `**Version**: 1.1.0 · **Matches commit**: <sha>`
 * (bold or not, with or without backticks, on one line or two).
 */
export interface VersionHeader {
  readonly version: string | null;
  readonly commit: string | null;
  readonly headerLine: number | null;
}

const headerLines = 40;
const field = (name: string) => new RegExp(`(?:^|[\\s|·*])\\**${name}\\**\\s*:\\**\\s*\`?([^\\s\`|·*]+)`, 'i');
const versionField = field('version');
const commitField = field('matches commit');

export function readHeader(lines: readonly string[]): VersionHeader {
  let version: string | null = null;
  let commit: string | null = null;
  let headerLine: number | null = null;
  lines.slice(0, headerLines).forEach((text, index) => {
    const v = version === null ? versionField.exec(text)?.[1] : undefined;
    const c = commit === null ? commitField.exec(text)?.[1] : undefined;
    if (v !== undefined) version = v;
    if (c !== undefined) commit = c;
    if ((v !== undefined || c !== undefined) && headerLine === null) headerLine = index + 1;
  });
  return { version, commit, headerLine };
}
