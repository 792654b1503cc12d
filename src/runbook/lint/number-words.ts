/**
 * Numbers a runbook writes in words ("thirty seconds", "forty-five minutes",
 * "ninety percent", "one hundred and twenty seconds", "a hundred ms",
 * "twelve hundred", "one thousand five hundred"), and a figure scaled by a
 * word ("1.5 thousand", "2 hundred"): what prose states targets and
 * thresholds with. Bare "a"/"an" are left out: "once a day" is not a
 * duration; they count only before hundred or thousand.
 */
const small = [
  ...'zero one two three four five six seven eight nine'.split(' '),
  ...'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' '),
];
const tens = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
const scales: Record<string, number> = { hundred: 100, thousand: 1000 };

const belowHundred = `(?:(?:${tens.join('|')})(?:[\\s-](?:${small.slice(1, 10).join('|')}))?|${small.join('|')})`;
const hundreds = `(?:(?:${belowHundred}|an?)\\s+hundred(?:\\s+(?:and\\s+)?${belowHundred})?)`;
const belowThousand = `(?:${hundreds}|${belowHundred})`;
const thousands = `(?:(?:${belowThousand}|an?|\\d+(?:\\.\\d+)?)\\s+thousand(?:,?\\s+(?:and\\s+)?${belowThousand})?)`;

/** A regex source matching one number in words: `thirty`, `forty-five`, `half an`, `two hundred and five`, `1.5 thousand`. */
export const numberWordsPattern = `(?:half\\s+an?|${thousands}|${hundreds}|\\d+(?:\\.\\d+)?\\s+hundred|${belowHundred})(?!\\w)`;

/** The value of text matched by numberWordsPattern; undefined for anything else. */
export function numberWordsValue(text: string): number | undefined {
  const words = text
    .toLowerCase()
    .replace(/,/g, '')
    .split(/[\s-]+/);
  if (words[0] === 'half') return 0.5;
  let total = 0;
  let current = 0;
  for (const word of words) {
    const scale = scales[word];
    if (scale === 1000) [total, current] = [total + (current || 1) * scale, 0];
    else if (scale !== undefined) current = (current || 1) * scale;
    else if (small.includes(word)) current += small.indexOf(word);
    else if (tens.includes(word)) current += 20 + 10 * tens.indexOf(word);
    else if (/^\d+(\.\d+)?$/.test(word)) current += Number(word);
    else if (word !== 'and' && word !== 'a' && word !== 'an') return undefined;
  }
  return total + current;
}
