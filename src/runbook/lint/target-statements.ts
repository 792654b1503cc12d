/**
 * What a section promises as its target: the durations in the sentences that
 * name one — "Target: rollback in under 30 seconds", "RTO 30 minutes", "the
 * 30-minute target is met". A duration belongs to the nearest keyword before
 * it in its sentence, else the first after it, so "RPO one hour" beside "RTO
 * 30 minutes" is not a recovery target. Code (fenced or inline, a step's
 * `timeout=30s`) states no target: it is left out.
 */
import { durationMentions } from './durations.ts';

export interface ProseLine {
  readonly text: string;
  readonly line: number;
}

export interface TargetStatement {
  readonly ms: number;
  readonly line: number;
  readonly text: string;
}

const keywords = /\b(?:targets?|RTO|RPO|recovery point)\b/gi;
const isTargetWord = (word: string) => /^(targets?|rto)$/i.test(word);
/** Ends of sentences, and line breaks before a list item, a table row, a heading or a blank line. */
const sentenceEnd = /[.;!?](?=\s|$)|\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|\||#|\n|$))/g;

export function targetStatements(prose: readonly ProseLine[]): TargetStatement[] {
  const { text, lineAt } = joined(prose);
  const statements: TargetStatement[] = [];
  let start = 0;
  for (const end of [...text.matchAll(sentenceEnd)].map((m) => m.index + 1).concat(text.length)) {
    const sentence = text.slice(start, end);
    const marks = [...sentence.matchAll(keywords)];
    for (const mention of durationMentions(sentence)) {
      const governing = marks.filter((m) => m.index < mention.index).at(-1) ?? marks.find((m) => m.index > mention.index);
      if (governing && isTargetWord(governing[0]))
        statements.push({ ms: mention.ms, line: lineAt(start + mention.index), text: mention.text });
    }
    start = end;
  }
  return statements;
}

/** The line with its inline code blanked (its length kept): `timeout 30s` is a command, not a promise. */
export const withoutInlineCode = (line: string) => line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));

/** Prose lines as one text (inline code blanked, a gap in the lines a sentence break), and the line of an offset in it. */
function joined(prose: readonly ProseLine[]): { text: string; lineAt: (offset: number) => number } {
  const starts: number[] = [];
  let text = '';
  prose.forEach(({ text: line, line: number }, i) => {
    if (i > 0) text += number === prose[i - 1]!.line + 1 ? '\n' : '\n\n';
    starts.push(text.length);
    text += withoutInlineCode(line);
  });
  const lineAt = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return prose[low]?.line ?? 1;
  };
  return { text, lineAt };
}
