/**
 * Runbook Markdown → Runbook (see runbook.ts). Every problem is collected and
 * thrown at once as a RunbookError naming the file and line; nothing is
 * guessed. Parsing is linear in the input (see markdown.ts), so hostile input
 * ends in a parse or an error, never a hang.
 */
import { readFile } from 'node:fs/promises';
import { toCodeBlocks, toSteps } from './blocks.ts';
import { readHeader } from './header.ts';
import { parseBlocks } from './markdown.ts';
import type { Runbook, RunbookSection } from './runbook.ts';
import { RunbookError, type RunbookProblem } from './runbook-error.ts';
import { buildSections, sectionAt } from './sections.ts';
import { decodeRunbook, sourceProblem, splitLines } from './source-check.ts';

const maxProblemsListed = 20;

export function parseRunbook(source: string, file: string): Runbook {
  const unusable = sourceProblem(source);
  if (unusable) throw new RunbookError(file, [unusable]);
  const lines = splitLines(source);
  const { headings, fences, tables } = parseBlocks(source);
  const outline = buildSections(headings, lines.length);
  const at = (line: number) => sectionAt(outline, line);
  const problems: RunbookProblem[] = [];
  const blocks = toCodeBlocks(fences, lines, at, problems);
  const steps = toSteps(blocks, problems);
  if (problems.length > 0) throw new RunbookError(file, capped(problems));
  const stepLines = steps.map((step) => step.line);
  const sections: RunbookSection[] = outline.map((section) => ({
    ...section,
    // A step with runtime variants is listed once.
    steps: [
      ...new Set(
        steps.slice(firstAtOrAfter(stepLines, section.line), firstAtOrAfter(stepLines, section.endLine + 1)).map((step) => step.id),
      ),
    ],
  }));
  return {
    file,
    lines,
    ...readHeader(lines),
    sections,
    blocks,
    steps,
    tables: tables.map((table) => ({
      section: at(table.line),
      line: table.line,
      header: table.rows[0]?.cells ?? [],
      rows: table.rows.slice(1),
    })),
  };
}

/** Reads and parses a runbook file; a missing, binary or malformed file is a RunbookError naming it. */
export async function readRunbook(path: string): Promise<Runbook> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read: ${(error as Error).message}`;
    throw new RunbookError(path, [{ line: 0, message: reason }]);
  }
  const decoded = decodeRunbook(bytes);
  if ('problem' in decoded) throw new RunbookError(path, [decoded.problem]);
  return parseRunbook(decoded.text, path);
}

/** Binary search in ascending lines: the index of the first line >= target. */
function firstAtOrAfter(lines: readonly number[], target: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lines[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

function capped(problems: RunbookProblem[]): RunbookProblem[] {
  if (problems.length <= maxProblemsListed) return problems;
  return [...problems.slice(0, maxProblemsListed), { line: 0, message: `… and ${problems.length - maxProblemsListed} more problems` }];
}
