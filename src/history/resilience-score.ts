/**
 * The resilience score, 0–100, from a scenario's trend (its last N runs):
 *
 *   score     = 100 × passRate × timeliness
 *   passRate  = passed / (passed + failed)                         (scenario-trend.ts)
 *   timeliness = 0.5 + 0.5 × min over its timed metrics of headroom
 *   headroom  = clamp(1 − p95 / target, 0, 1)                      (detect, recovery, and RTO when declared)
 *
 * Passing is what counts most; among scenarios that always pass, one whose
 * slowest metric's p95 sits at its target scores 50, one at half its target
 * 75, and one far under every target nears 100: the score says how much room
 * is left before a target is missed. A metric never measured in the window
 * gives no headroom (0). A scenario with no passed or failed run in the window
 * has no score; the overall score is the mean of the scenarios that have one.
 */
import type { ScenarioTrend, TimedMetric } from './scenario-trend.ts';

export interface Headroom {
  readonly metric: TimedMetric;
  readonly p95: number | null;
  readonly target: number;
  readonly headroom: number;
}

export interface ScenarioScore {
  readonly scenarioId: string;
  /** null: no passed or failed run in the window. */
  readonly score: number | null;
  readonly passRate: number | null;
  readonly timeliness: number;
  /** The metric with the least headroom (what limits timeliness); absent for a scenario with no timed metric. */
  readonly limiting?: Headroom;
  readonly headrooms: readonly Headroom[];
}

export function headroom(p95: number | null, target: number): number {
  if (p95 === null || !(target > 0)) return 0;
  return Math.min(1, Math.max(0, 1 - p95 / target));
}

export function scenarioScore(trend: ScenarioTrend): ScenarioScore {
  const headrooms = trend.metrics.map(({ metric, p95, target }) => ({ metric, p95, target, headroom: headroom(p95, target) }));
  const limiting = headrooms.reduce<Headroom | undefined>(
    (least, h) => (least === undefined || h.headroom < least.headroom ? h : least),
    undefined,
  );
  const timeliness = 0.5 + 0.5 * (limiting?.headroom ?? 0);
  return {
    scenarioId: trend.scenarioId,
    score: trend.passRate === null ? null : 100 * trend.passRate * timeliness,
    passRate: trend.passRate,
    timeliness,
    ...(limiting ? { limiting } : {}),
    headrooms,
  };
}

/** The mean of the scores there are; null when none. */
export function overallScore(scores: readonly ScenarioScore[]): number | null {
  const present = scores.flatMap((s) => (s.score === null ? [] : [s.score]));
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}
