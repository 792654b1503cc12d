const bars = '▁▂▃▄▅▆▇█';

/**
 * One character per value, oldest first: ▁ the smallest of the values shown,
 * █ the largest, linearly between; a space for a run that measured nothing;
 * all ▄ when every value is the same. The numbers beside it give the scale.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const measured = values.filter((v) => v !== null);
  const low = Math.min(...measured);
  const span = Math.max(...measured) - low;
  return values
    .map((v) => {
      if (v === null) return ' ';
      if (span === 0) return bars[3];
      return bars[Math.min(bars.length - 1, Math.floor(((v - low) / span) * bars.length))];
    })
    .join('');
}
