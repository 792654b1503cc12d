import type { RunbookProblem } from './runbook-error.ts';

/** Larger than any runbook a person maintains; past it we refuse rather than guess. */
export const maxRunbookBytes = 32 * 1024 * 1024;

/** Bytes → text, refusing what is not a text runbook: too large, not UTF-8. */
export function decodeRunbook(bytes: Uint8Array): { text: string } | { problem: RunbookProblem } {
  if (bytes.byteLength > maxRunbookBytes) {
    return {
      problem: {
        line: 0,
        message: `is ${bytes.byteLength} bytes; a runbook is at most ${maxRunbookBytes} bytes (is this the right file?)`,
      },
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: { line: 0, message: 'is not UTF-8 text (binary data?); a runbook is a Markdown file' } };
  }
}

/** What makes a text unusable as a runbook before any Markdown is read: empty, NUL bytes (binary data). */
export function sourceProblem(text: string): RunbookProblem | undefined {
  if (text.trim() === '')
    return { line: 0, message: 'is empty; expected a Markdown runbook with a version header, sections and ```bash {id=…} steps' };
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = countLines(text, nul);
    return { line, message: 'contains a NUL byte: this is binary data, not a Markdown runbook' };
  }
  return text.length > maxRunbookBytes
    ? { line: 0, message: `is larger than ${maxRunbookBytes} bytes; a runbook is at most that` }
    : undefined;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Source lines as Markdown sees them (any line ending), without the empty one after a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}
