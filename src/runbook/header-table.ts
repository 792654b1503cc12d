/**
 * The version header written as a table, across or down:
 *
 *   | Version | Matches commit |        | Version | 1.1.0   |
 *   | ---     | ---            |        | Commit  | 917321d |
 *   | 1.1.0   | 917321d        |
 */
export interface HeaderFields {
  version?: string;
  commit?: string;
  /** 1-based line of the first field found */
  line?: number;
}

const labels = { version: /^version$/i, commit: /^(matches )?commit$/i } as const;
const cells = (line: string) =>
  line.trim().startsWith('|')
    ? line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map(plain)
    : null;
const plain = (cell: string) => cell.replace(/[*`]/g, '').trim();
const delimiter = /^\|?(\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*$/;

export function tableFields(lines: readonly string[]): HeaderFields {
  const found: HeaderFields = {};
  lines.forEach((text, index) => {
    const row = cells(text);
    if (!row) return;
    for (const key of ['version', 'commit'] as const) {
      const column = row.findIndex((cell) => labels[key].test(cell));
      if (column < 0 || found[key] !== undefined) continue;
      const value = isLabel(row[column + 1]) ? valueBelow(lines, index, column) : row[column + 1];
      if (!value) continue;
      found[key] = value;
      found.line ??= index + 1;
    }
  });
  return found;
}

const isLabel = (cell: string | undefined) => cell === undefined || Object.values(labels).some((label) => label.test(cell));

/** Across: the labels head the columns and the one row of values is below them; a table of many rows (tools and their versions) is not the header. */
function valueBelow(lines: readonly string[], index: number, column: number): string | undefined {
  const across = delimiter.test(lines[index + 1]?.trim() ?? '') && cells(lines[index + 3] ?? '') === null;
  return across ? cells(lines[index + 2] ?? '')?.[column] : undefined;
}
