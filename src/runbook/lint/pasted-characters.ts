/**
 * Characters that text pasted through Slack, Word or a web page puts where
 * shell syntax belongs: typographic quotes, a dash in place of `-`/`--`
 * before an option, non-breaking and zero-width spaces. Bash reads each as a
 * letter, so the command fails, or does something else, mid-incident. Only
 * outside quotes, comments and here-documents: in `echo 'said “no”'` they
 * are text.
 */
import { QuoteScanner } from './quote-scanner.ts';

export interface PastedLine {
  readonly line: number;
  /** The characters found, each once, in order. */
  readonly chars: readonly string[];
}

const lookalikes: Readonly<Record<string, { readonly name: string; readonly instead: string }>> = {
  '\u201c': { name: 'left double quotation mark', instead: 'type " instead' },
  '\u201d': { name: 'right double quotation mark', instead: 'type " instead' },
  '\u201e': { name: 'low double quotation mark', instead: 'type " instead' },
  '\u2018': { name: 'left single quotation mark', instead: "type ' instead" },
  '\u2019': { name: 'right single quotation mark', instead: "type ' instead" },
  '\u201a': { name: 'low single quotation mark', instead: "type ' instead" },
  '\u2014': { name: 'em dash', instead: 'type -- (or - before a one-letter option)' },
  '\u2013': { name: 'en dash', instead: 'type -- (or - before a one-letter option)' },
  '\u2212': { name: 'minus sign', instead: 'type - instead' },
  '\u00a0': { name: 'non-breaking space', instead: 'type a plain space' },
  '\u202f': { name: 'narrow non-breaking space', instead: 'type a plain space' },
  '\u2007': { name: 'figure space', instead: 'type a plain space' },
  '\u200b': { name: 'zero-width space', instead: 'delete it' },
  '\ufeff': { name: 'zero-width no-break space', instead: 'delete it' },
};
const dashes = '\u2014\u2013\u2212';

/** How a finding names one character: `“ (U+201C left double quotation mark): type " instead`, `a non-breaking space (U+00A0): …`. */
export function describePasted(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const { name = 'character', instead = '' } = lookalikes[char] ?? {};
  const named = /[\s\u200b\ufeff]/.test(char) ? `a ${name} (${code})` : `${char} (${code} ${name})`;
  return `${named}${dashes.includes(char) ? ' before an option' : ''}: ${instead}`;
}

/** A dash counts only where an option starts (`—lines`, `–n`): elsewhere it may be prose in an argument. */
const pastedAt = (text: string, at: number) => {
  const char = text[at]!;
  if (!(char in lookalikes)) return false;
  return !dashes.includes(char) || ((at === 0 || /\s/.test(text[at - 1]!)) && /[A-Za-z-]/.test(text[at + 1] ?? ''));
};

export function pastedCharacters(source: string, firstLine: number): PastedLine[] {
  const found: PastedLine[] = [];
  const scanner = new QuoteScanner();
  source.split('\n').forEach((text, index) => {
    const chars = scanner
      .unquoted(text)
      .filter((at) => pastedAt(text, at))
      .map((at) => text[at]!);
    if (chars.length > 0) found.push({ line: firstLine + index, chars: [...new Set(chars)] });
  });
  return found;
}
