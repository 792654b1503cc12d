import { numberWordsPattern, numberWordsValue } from './number-words.ts';

const unitMs: readonly [RegExp, number][] = [
  [/^(ms|msecs?|milliseconds?)$/i, 1],
  [/^(s|secs?|seconds?)$/i, 1000],
  [/^(m|mins?|minutes?)$/i, 60_000],
  [/^(h|hrs?|hours?)$/i, 3_600_000],
  [/^(d|days?)$/i, 86_400_000],
];

/** The units durationMentions reads, as a regex source. */
export const durationUnitPattern = 'ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?';

/** A duration found in text: its value, where it starts and how it is written. */
export interface DurationMention {
  readonly ms: number;
  readonly index: number;
  readonly text: string;
}

/** Digits, with thousands grouped by commas or (non-breaking) spaces — `30,000`, `30 000` — or a decimal. */
export const digitsPattern = '\\d{1,3}(?:[,\\u00a0\\u202f ]\\d{3})+(?!\\d)(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
export const digitsValue = (text: string) => Number(text.replace(/[,\u00a0\u202f ]/g, ''));

// Words need a separator before the unit: "tens of seconds" is not ten seconds. Words first: "1.5 thousand ms" is scaled.
const spelled = new RegExp(`(?<![\\w.,])(?:(${numberWordsPattern})[\\s-]+|(${digitsPattern})[\\s-]*)([a-z]+)\\b`, 'gi');

/**
 * Durations written in prose or a table cell — "30 seconds", "30-minute", "2 min", "< 30 s", "30,000 ms",
 * "thirty seconds", "half a minute", "00:30" where the text labels it mm:ss — in milliseconds, in text order.
 */
export function durationMentions(text: string): DurationMention[] {
  const found: DurationMention[] = [];
  for (const match of text.matchAll(spelled)) {
    const factor = unitMs.find(([unit]) => unit.test(match[3] ?? ''))?.[1];
    const value = match[2] !== undefined ? digitsValue(match[2]) : numberWordsValue(match[1] ?? '');
    if (factor !== undefined && value !== undefined) found.push({ ms: value * factor, index: match.index, text: match[0] });
  }
  return [...found, ...clockDurations(text)].sort((a, b) => a.index - b.index);
}

export function durationsInText(text: string): number[] {
  return durationMentions(text).map((mention) => mention.ms);
}

/** `00:30`, `1:30:00`: read only where the text says which fields they are (`mm:ss`, `hh:mm`), as 09:30 may be a time of day. */
function clockDurations(text: string): DurationMention[] {
  const label = /\b(h{1,2}:mm:ss|h{1,2}:mm|m{1,2}:ss)\b/i.exec(text)?.[1]?.toLowerCase();
  if (label === undefined) return [];
  const fieldMs = label.startsWith('h') ? [3_600_000, 60_000, 1000] : [60_000, 1000];
  const fields = label.split(':').length;
  return [...text.matchAll(/(?<![\d:.])\d{1,2}(?::\d{2})+(?![\d:])/g)]
    .filter((match) => match[0].split(':').length === fields)
    .map((match) => ({
      ms: match[0].split(':').reduce((sum, field, i) => sum + Number(field) * (fieldMs[i] ?? 0), 0),
      index: match.index,
      text: match[0],
    }));
}

/** A Prometheus duration (`30s`, `2m`, `1h30m`) in seconds; undefined when it is not one. */
export function prometheusDurationSeconds(text: string): number | undefined {
  const parts = [...text.trim().matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return undefined;
  const seconds: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (seconds[p[2] ?? 's'] ?? 1), 0);
}
