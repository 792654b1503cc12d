import type { Heading } from './markdown.ts';
import type { RunbookSection } from './runbook.ts';

export type SectionOutline = Omit<RunbookSection, 'steps'>;

/**
 * GitHub-style heading slug: lowercase, Markdown punctuation dropped, spaces
 * to dashes (`Blue/green deployment and rollback` → `bluegreen-deployment-and-rollback`).
 */
export function slug(title: string): string {
  return title
    .replace(/\]\([^)]*\)/g, ']')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** One section per heading, ending before the next heading of the same or a higher level; ids unique. Linear time. */
export function buildSections(headings: readonly Heading[], lineCount: number): SectionOutline[] {
  const seen = new Map<string, number>();
  const sections = headings.map((heading) => {
    const base = slug(heading.title) || 'section';
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return {
      id: count === 0 ? base : `${base}-${count}`,
      title: heading.title,
      level: heading.level,
      line: heading.line,
      endLine: lineCount,
    };
  });
  const open: (typeof sections)[number][] = [];
  for (const section of sections) {
    while (open.length > 0 && open.at(-1)!.level >= section.level) open.pop()!.endLine = section.line - 1;
    open.push(section);
  }
  return sections;
}

/** The innermost section holding a line (the last heading at or before it), or null before the first heading. */
export function sectionAt(sections: readonly SectionOutline[], line: number): string | null {
  let low = 0;
  let high = sections.length - 1;
  let found: string | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const section = sections[middle]!;
    if (section.line <= line) {
      found = section.id;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
