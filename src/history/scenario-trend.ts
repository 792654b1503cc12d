/**
 * One scenario over its last N runs (the window: the runs it ran in, a
 * skipped one not counted): how often it passed, and each timed metric's
 * values with p50 and p95 against the target its latest run declared.
 *
 * Pass rate = passed / (passed + failed): an aborted run (steady state unmet
 * before the fault) or an errored one (the harness broke) proves nothing
 * either way, as for `firedrill run`'s exit code; they are counted apart.
 */
import type { Metric } from './run-record.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { percentile } from './percentile.ts';

export type TimedMetric = Exclude<Metric, 'dataLoss'>;
export const timedMetrics: readonly TimedMetric[] = ['detect', 'recovery', 'rto'];

export interface MetricTrend {
  readonly metric: TimedMetric;
  /** Oldest first, one per run of the window; null where nothing was measured. */
  readonly values: readonly (number | null)[];
  readonly p50: number | null;
  readonly p95: number | null;
  /** The target of the latest run in the window that declared one. */
  readonly target: number;
}

export interface ScenarioTrend {
  readonly scenarioId: string;
  /** The window's runs, oldest first. */
  readonly runs: readonly Pick<ScenarioRun, 'seq' | 'runId' | 'startedAt' | 'verdict'>[];
  readonly passed: number;
  readonly failed: number;
  /** Aborted or errored. */
  readonly inconclusive: number;
  /** passed / (passed + failed); null when the window holds neither. */
  readonly passRate: number | null;
  /** Detect and recovery always (when measured once), RTO for a scenario that declares it. */
  readonly metrics: readonly MetricTrend[];
}

/** `window`: the scenario's last N runs, oldest first. */
export function scenarioTrend(scenarioId: string, window: readonly ScenarioRun[]): ScenarioTrend {
  const count = (verdict: string) => window.filter((run) => run.verdict === verdict).length;
  const passed = count('passed');
  const failed = count('failed');
  return {
    scenarioId,
    runs: window.map(({ seq, runId, startedAt, verdict }) => ({ seq, runId, startedAt, verdict })),
    passed,
    failed,
    inconclusive: count('aborted') + count('errored'),
    passRate: passed + failed === 0 ? null : passed / (passed + failed),
    metrics: timedMetrics.flatMap((metric) => metricTrend(metric, window)),
  };
}

function metricTrend(metric: TimedMetric, window: readonly ScenarioRun[]): MetricTrend[] {
  const of = window.map((run) => run.measurements.find((m) => m.metric === metric));
  const target = of.findLast((m) => m !== undefined)?.target;
  if (target === undefined) return [];
  const values = of.map((m) => m?.measured ?? null);
  const measured = values.filter((v) => v !== null);
  return [{ metric, values, p50: percentile(measured, 50), p95: percentile(measured, 95), target }];
}
