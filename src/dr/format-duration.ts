/**
 * Durations for people reading a drill's output, from milliseconds to a
 * projected day: `350 ms`, `7.2 s`, `535 s`, `42 min`, `6.3 h`. Seconds stay
 * seconds up to ten minutes, so that step timings compare at a glance
 * ("535 s of 560 s").
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 600_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
