import type { KnownInput } from '../shell/known-input.ts';

/** Each line of a known text with its runbook line (every line on the first when its newlines were made on one). */
export function knownLines(input: KnownInput | null): { text: string; line: number }[] {
  if (!input) return [];
  return input.source.split('\n').map((text, index) => ({ text, line: input.oneLine ? input.line : input.line + index }));
}
