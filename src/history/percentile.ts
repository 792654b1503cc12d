/**
 * The nearest-rank percentile: the smallest value with at least p % of the
 * values at or below it (rank ⌈p/100 × n⌉ of the sorted values). Always one
 * of the values measured, never an interpolation between two runs; null for
 * no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}
