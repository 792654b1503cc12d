import { formatDuration } from '../dr/format-duration.ts';
import type { RunOutcome } from '../runner/run-scenarios.ts';

/**
 * The run's wall time beside its longest scenario's (provision to teardown):
 * `wall: 250 s for 10 scenario runs, 3 at a time; the longest, loki-ingestion-lag, 91 s: the wall is 2.75× it`.
 * The ratio is what `--concurrency` is for: 1× is every other scenario hidden behind the longest.
 */
export function wallReport(wall: RunOutcome['wall'], concurrency: number): string {
  const runs = `${wall.scenarios.length} scenario run${wall.scenarios.length === 1 ? '' : 's'}`;
  const atOnce = concurrency > 1 ? `, ${concurrency} at a time` : ', one at a time';
  const longest = wall.scenarios.reduce<{ id: string; ms: number } | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
  if (!longest) return `wall: ${formatDuration(wall.totalMs)}, no scenario ran`;
  const ratio = (wall.totalMs / longest.ms).toFixed(2);
  return `wall: ${formatDuration(wall.totalMs)} for ${runs}${atOnce}; the longest, ${longest.id}, ${formatDuration(longest.ms)}: the wall is ${ratio}× it`;
}
