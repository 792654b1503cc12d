/**
 * `firedrill run --repeat N`: each scenario run N times, each on a fresh
 * environment, and what the samples say together. Per scenario: its verdicts
 * in run order, the detect and recovery times of every run (null where a run
 * measured none) with their p50, p95 and max over the runs that measured one
 * (nearest rank: always a time some run measured), and whether it is
 * **flaky**: the runs that ran (not skipped) did not all reach the same
 * verdict. A flaky scenario proves nothing either way and fails the run
 * (exit 1, run-command.ts): a verdict that changes from run to run must not
 * pass a release gate because this run drew the lucky one.
 */
import { percentile } from '../history/percentile.ts';
import type { Verdict } from './judge.ts';
import type { ScenarioResult } from './scenario-result.ts';

/** In a repeated scenario's result: which of the runs it was (1-based). */
export interface RunOfRepeat {
  readonly index: number;
  readonly of: number;
}

export interface SampleStats {
  /** One per run, in run order; null where the run measured none. */
  readonly samples: readonly (number | null)[];
  /** Over the samples measured; null when none was. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

export interface RepeatSummary {
  readonly id: string;
  readonly runs: number;
  readonly verdicts: readonly Verdict[];
  readonly flaky: boolean;
  readonly detectMs: SampleStats;
  readonly recoveryMs: SampleStats;
}

export function sampleStats(samples: readonly (number | null)[]): SampleStats {
  const measured = samples.filter((s): s is number => s !== null);
  return {
    samples,
    p50: percentile(measured, 50),
    p95: percentile(measured, 95),
    max: measured.length === 0 ? null : Math.max(...measured),
  };
}

/** Whether the runs that ran disagree: two different verdicts among those not skipped. */
export function isFlaky(verdicts: readonly Verdict[]): boolean {
  return new Set(verdicts.filter((v) => v !== 'skipped')).size > 1;
}

/** One summary per scenario, in the order each first ran, from every run's result. */
export function repeatSummaries(results: readonly ScenarioResult[]): RepeatSummary[] {
  const byId = new Map<string, ScenarioResult[]>();
  for (const result of results) byId.set(result.id, [...(byId.get(result.id) ?? []), result]);
  return [...byId].map(([id, runs]) => {
    const verdicts = runs.map((r) => r.verdict);
    return {
      id,
      runs: runs.length,
      verdicts,
      flaky: isFlaky(verdicts),
      detectMs: sampleStats(runs.map((r) => r.measured.detectMs)),
      recoveryMs: sampleStats(runs.map((r) => r.measured.recoveryMs)),
    };
  });
}

/** `passed, failed, passed`: a flaky scenario's reason. */
export function flakyReason(summary: RepeatSummary): string {
  return `flaky: its verdict changed between runs (${summary.verdicts.join(', ')})`;
}
