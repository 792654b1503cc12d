const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * `20s`, `500ms`, `2m`, `1h` → milliseconds; undefined for anything else, a bare
 * number included: `20` is not read as 20 ms (see step-attributes.ts, which says what to write).
 */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|min|h)$/.exec(text.trim());
  if (!match) return undefined;
  // Rounded first: under half a millisecond it would be 0, which a step drops for the default timeout.
  const ms = Math.round(Number(match[1]) * (units[match[2] ?? 'ms'] ?? 1));
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
