const unitMs: readonly [RegExp, number][] = [
  [/^(ms|msecs?|milliseconds?)$/i, 1],
  [/^(s|secs?|seconds?)$/i, 1000],
  [/^(m|mins?|minutes?)$/i, 60_000],
  [/^(h|hrs?|hours?)$/i, 3_600_000],
  [/^(d|days?)$/i, 86_400_000],
];

/** Durations written in prose or a table cell — "30 seconds", "30-minute", "2 min", "< 30 s" — in milliseconds. */
export function durationsInText(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)[\s-]*([a-z]+)\b/gi)) {
    const factor = unitMs.find(([unit]) => unit.test(match[2] ?? ''))?.[1];
    if (factor !== undefined) found.push(Number(match[1]) * factor);
  }
  return found;
}

/** A Prometheus duration (`30s`, `2m`, `1h30m`) in seconds; undefined when it is not one. */
export function prometheusDurationSeconds(text: string): number | undefined {
  const parts = [...text.trim().matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return undefined;
  const seconds: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (seconds[p[2] ?? 's'] ?? 1), 0);
}
