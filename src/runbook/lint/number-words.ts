/**
 * Numbers a runbook writes in words ("thirty seconds", "forty-five minutes",
 * "ninety percent"), up to ninety-nine: what prose states targets and
 * thresholds with. Bare "a"/"an" are left out: "once a day" is not a duration.
 */
const small = [
  ...'zero one two three four five six seven eight nine'.split(' '),
  ...'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' '),
];
const tens = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');

/** A regex source matching one number in words: `thirty`, `forty-five`, `twenty one`, `half a`, `half an`. */
export const numberWordsPattern = `(?:half\\s+an?|(?:${tens.join('|')})(?:[\\s-](?:${small.slice(1, 10).join('|')}))?|${small.join('|')})`;

/** The value of text matched by numberWordsPattern; undefined for anything else. */
export function numberWordsValue(text: string): number | undefined {
  const words = text.toLowerCase().split(/[\s-]+/);
  if (words[0] === 'half') return 0.5;
  const [first = '', second] = words;
  if (second === undefined && small.includes(first)) return small.indexOf(first);
  const ten = tens.indexOf(first);
  const unit = second === undefined ? 0 : small.indexOf(second);
  return ten < 0 || unit < 0 || unit > 9 ? undefined : 20 + 10 * ten + unit;
}
