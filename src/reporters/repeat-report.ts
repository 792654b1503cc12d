/**
 * A repeated run's figures (`firedrill run --repeat N`) as the terminal, the
 * Markdown summary and JUnit show them: per scenario its verdicts in run
 * order, FLAKY when they differ, and its detect and recovery times as
 * `p50 120 / p95 300 / max 300 ms (samples 100, 300, 120)`.
 */
import type { RepeatSummary, SampleStats } from '../runner/repeat.ts';
import type { ScenarioResult } from '../runner/scenario-result.ts';

const ms = (value: number | null) => (value === null ? '—' : String(value));

/** `p50 120 / p95 300 / max 300 ms`, or `not measured` when no run measured it. */
export function statsText(stats: SampleStats): string {
  if (stats.max === null) return 'not measured';
  return `p50 ${ms(stats.p50)} / p95 ${ms(stats.p95)} / max ${ms(stats.max)} ms`;
}

export function samplesText(stats: SampleStats): string {
  return stats.samples.map(ms).join(', ');
}

/** The verdicts, and FLAKY when they differ. */
export function verdictsText(summary: RepeatSummary): string {
  return `${summary.verdicts.join(', ')}${summary.flaky ? ' — FLAKY' : ''}`;
}

/** The terminal's section after the summary table; empty when the run was not repeated. */
export function repeatReport(repeats: readonly RepeatSummary[] | undefined): string {
  if (!repeats || repeats.length === 0) return '';
  const lines = repeats.flatMap((r) => [
    `  ${r.id}: ${r.runs} runs: ${verdictsText(r)}`,
    `    detect   ${statsText(r.detectMs)} (samples ${samplesText(r.detectMs)})`,
    `    recovery ${statsText(r.recoveryMs)} (samples ${samplesText(r.recoveryMs)})`,
  ]);
  const flaky = repeats.filter((r) => r.flaky);
  const verdict =
    flaky.length === 0
      ? 'No scenario changed its verdict between runs.'
      : `Flaky, its verdict changed between runs (exit 1): ${flaky.map((r) => `${r.id} (${r.verdicts.join(', ')})`).join('; ')}`;
  return ['Repeated runs (each on a fresh environment; p50/p95 by nearest rank):', ...lines, verdict].join('\n');
}

/** A result's name in per-run reports: `redis-outage (run 2 of 3)` when repeated. */
export function runName(result: Pick<ScenarioResult, 'id' | 'run'>): string {
  return result.run ? `${result.id} (run ${result.run.index} of ${result.run.of})` : result.id;
}
