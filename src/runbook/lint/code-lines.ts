import type { CodeBlock, Runbook, RunbookSection } from '../runbook.ts';

export interface CodeLine {
  readonly text: string;
  /** 1-based source line */
  readonly line: number;
  readonly block: CodeBlock;
}

const shellLangs = new Set(['bash', 'sh', 'shell', 'console', 'zsh', '']);

/** Lines of a block's code with their source lines; shell comments (`# …`) are skipped, they are prose. */
export function codeLines(block: CodeBlock): CodeLine[] {
  const shell = shellLangs.has(block.lang);
  return block.code
    .split('\n')
    .map((text, index) => ({ text, line: block.line + 1 + index, block }))
    .filter(({ text }) => text.trim() !== '' && !(shell && text.trimStart().startsWith('#')));
}

/** Lines outside fenced blocks, with their 1-based numbers. */
export function proseLines(runbook: Runbook): { text: string; line: number }[] {
  const inCode = new Set<number>();
  for (const block of runbook.blocks) for (let line = block.line; line <= block.endLine; line++) inCode.add(line);
  return runbook.lines.map((text, index) => ({ text, line: index + 1 })).filter(({ line }) => !inCode.has(line));
}

/** The prose lines inside any of these sections (a nested section's lines once). */
export function proseIn(runbook: Runbook, sections: readonly RunbookSection[]): { text: string; line: number }[] {
  return proseLines(runbook).filter(({ line }) => sections.some((section) => section.line <= line && line <= section.endLine));
}

/** Sections whose title matches, in order. */
export function sectionsTitled(runbook: Runbook, title: RegExp): RunbookSection[] {
  return runbook.sections.filter((section) => title.test(section.title));
}

/** The source text of a section, from its heading to its end line. */
export function sectionText(runbook: Runbook, section: RunbookSection): string {
  return runbook.lines.slice(section.line - 1, section.endLine).join('\n');
}
