import { parseFenceInfo } from './fence-info.ts';
import type { Fence } from './markdown.ts';
import type { CodeBlock, ParsedStep } from './runbook.ts';
import type { RunbookProblem } from './runbook-error.ts';
import { stepOptions } from './step-attributes.ts';

/** A fence is closed when the last line it covers is a fence of its character, at least as long, and nothing else. */
export function isClosed(fence: Fence, lines: readonly string[]): boolean {
  if (fence.lastLine <= fence.line) return false;
  const last = (lines[fence.lastLine - 1] ?? '').replace(/^[\s>]*/, '').trimEnd();
  const char = fence.markup[0] ?? '`';
  return last.length >= fence.markup.length && [...last].every((c) => c === char);
}

/**
 * The line, inside a fence, that opens another block (```bash {id=…}): a
 * closing fence takes no info string, so the fence before it was left open
 * and swallowed it, up to the next bare fence line.
 */
export function swallowedOpening(fence: Fence, lines: readonly string[]): number | undefined {
  const char = fence.markup[0] ?? '`';
  for (let line = fence.line + 1; line < fence.lastLine; line++) {
    const opening = /^[\s>]*(`{3,}|~{3,})\s*[^\s`~]/.exec(lines[line - 1] ?? '');
    if (opening?.[1]?.[0] === char && opening[1].length >= fence.markup.length) return line;
  }
  return undefined;
}

function unclosed(fence: Fence, lines: readonly string[]): string | undefined {
  const swallowed = swallowedOpening(fence, lines);
  const close = `add a closing ${fence.markup} line after its last command`;
  if (swallowed !== undefined)
    return `code block opened with ${fence.markup} is never closed: line ${swallowed} opens another block inside it; ${close}`;
  return isClosed(fence, lines) ? undefined : `code block opened with ${fence.markup} is never closed; ${close}`;
}

export function toCodeBlocks(
  fences: readonly Fence[],
  lines: readonly string[],
  sectionAt: (line: number) => string | null,
  problems: RunbookProblem[],
): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const fence of fences) {
    const open = unclosed(fence, lines);
    if (open !== undefined) problems.push({ line: fence.line, message: open });
    const parsed = parseFenceInfo(fence.info);
    if (!parsed.ok) problems.push({ line: fence.line, message: parsed.error });
    const info = parsed.ok ? parsed.info : { lang: fence.info.trim().split(/\s+/)[0] ?? '', attributes: {} };
    blocks.push({
      lang: info.lang,
      info: fence.info,
      code: fence.content,
      line: fence.line,
      endLine: fence.lastLine,
      section: sectionAt(fence.line),
      attributes: info.attributes,
    });
  }
  return blocks;
}

/** Blocks with an id become steps; a duplicate id (for the same runtime) names both lines. */
export function toSteps(blocks: readonly CodeBlock[], problems: RunbookProblem[]): ParsedStep[] {
  const steps: ParsedStep[] = [];
  const firstLine = new Map<string, number>();
  for (const block of blocks) {
    const id = block.attributes.id;
    if (id === undefined) continue;
    const options = stepOptions(block.lang, block.attributes);
    if (Array.isArray(options)) {
      problems.push(...options.map((message) => ({ line: block.line, message })));
      continue;
    }
    const key = `${id}\0${options.runtime ?? ''}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      const scope = options.runtime ? ` for runtime ${options.runtime}` : '';
      problems.push({
        line: block.line,
        message: `step id "${id}" is used twice${scope}, at lines ${earlier} and ${block.line}; step ids must be unique (per runtime)`,
      });
      continue;
    }
    firstLine.set(key, block.line);
    steps.push({ id, lang: block.lang, code: block.code, section: block.section, line: block.line, endLine: block.endLine, ...options });
  }
  return steps;
}
