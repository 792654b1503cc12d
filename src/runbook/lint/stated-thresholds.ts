/**
 * What a runbook's "fires when" cell states: the thresholds, each with the
 * values a rule may write for it and the way it is crossed, and the alert's
 * `for` when the cell says it ("lag > 30 s for 2 min").
 *
 *   memory used > 85 % (of 64 GiB) for ten minutes
 *               └ threshold        └ for: 600 s
 *
 * Where the cell compares anything, only a number after an operator is a
 * threshold: "of 64 GiB" is a note. Numbers in words count with a unit
 * ("above ninety percent"), as "one of the replicas" is no threshold.
 */
import { type Direction, directionOf, operatorPattern } from './comparisons.ts';
import { digitsPattern, digitsValue, durationMentions, durationUnitPattern } from './durations.ts';
import { numberWordsPattern, numberWordsValue } from './number-words.ts';

export interface StatedThreshold {
  /** As written: `85 %`. */
  readonly text: string;
  /** The comparison before it, as written: `>`, `above`; absent where the cell compares nothing. */
  readonly operator?: string;
  readonly accepts: readonly number[];
  readonly direction: Direction;
}

export interface StatedCondition {
  readonly thresholds: readonly StatedThreshold[];
  /** The `for` the cell states, in seconds, as written: "2 min". */
  readonly for?: { readonly seconds: number; readonly text: string };
}

const unit = `%|(?:percent|${durationUnitPattern})\\b`;
// Words first: "1.5 thousand ms" is a figure scaled by a word, not 1.5 of no unit.
const quantity = new RegExp(`(?<![\\w.])(?:(${numberWordsPattern})[\\s-]+(${unit})|(-?(?:${digitsPattern}))[\\s-]*(${unit})?)`, 'gi');

export function statedCondition(cell: string): StatedCondition {
  const stated = statedFor(cell);
  const text = stated ? cell.slice(0, stated.start) + ' '.repeat(stated.end - stated.start) + cell.slice(stated.end) : cell;
  const comparing = [...text.matchAll(operatorPattern)].length > 0;
  const thresholds: StatedThreshold[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(quantity)) {
    const operator = [...text.slice(previousEnd, match.index).matchAll(operatorPattern)].at(-1)?.[0];
    previousEnd = match.index + match[0].length;
    const accepts = acceptedValues(match);
    if (accepts === undefined || (comparing && operator === undefined)) continue;
    const written = match[0].trim();
    thresholds.push(
      operator ? { text: written, accepts, operator, direction: directionOf(operator) } : { text: written, accepts, direction: null },
    );
  }
  return { thresholds, ...(stated ? { for: { seconds: stated.seconds, text: stated.text } } : {}) };
}

/** "for 2 min", "for at least ten minutes": where it stands in the cell, and its seconds. */
function statedFor(cell: string): { start: number; end: number; seconds: number; text: string } | undefined {
  const mentions = durationMentions(cell);
  for (const match of cell.matchAll(/\bfor\s+(?:at least\s+|longer than\s+|more than\s+)?/gi)) {
    const mention = mentions.find((m) => m.index === match.index + match[0].length);
    if (mention) return { start: match.index, end: mention.index + mention.text.length, seconds: mention.ms / 1000, text: mention.text };
  }
  return undefined;
}

/** The values a rule may compare against for one stated number: 85 % as 85 or 0.85, 2 min as 120 (seconds). */
function acceptedValues(match: RegExpMatchArray): number[] | undefined {
  const value = match[3] !== undefined ? digitsValue(match[3]) : numberWordsValue(match[1] ?? '');
  const unit = (match[2] ?? match[4] ?? '').toLowerCase();
  if (value === undefined) return undefined;
  if (unit === '%' || unit === 'percent') return [value, value / 100];
  const ms = durationMentions(`${value} ${unit}`)[0]?.ms;
  return ms === undefined ? [value] : [ms / 1000];
}
