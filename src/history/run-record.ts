/**
 * What the history keeps of one run, taken from its evidence: the run's
 * identity, each scenario's verdict and measurements against its targets,
 * and each failed scenario's reasons as findings. Pure.
 */
import { hostname } from 'node:os';
import type { Evidence } from '../evidence/evidence.ts';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import type { Verdict } from '../runner/judge.ts';
import { findingKey } from './finding-key.ts';

/** The timed metrics trends are drawn for, and the data-loss count, each against its target. */
export type Metric = 'detect' | 'recovery' | 'rto' | 'dataLoss';

export interface MeasurementRecord {
  readonly metric: Metric;
  /** null: not measured. */
  readonly measured: number | null;
  readonly target: number;
  /** Whether the measurement met its target; null when nothing was measured. */
  readonly met: boolean | null;
}

export interface ScenarioRecord {
  readonly id: string;
  readonly verdict: Verdict;
  /** Why, when not passed (every verdict's reasons; only a failed one's are findings). */
  readonly reasons: readonly string[];
  readonly measurements: readonly MeasurementRecord[];
  /** Only for a failed scenario: each reason, with its stable key (finding-key.ts). */
  readonly findings: readonly { readonly key: string; readonly reason: string }[];
}

export interface RunRecord {
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly harnessVersion: string;
  readonly harnessCommit: string;
  readonly runbookSha256: string | null;
  readonly runbookVersion: string | null;
  readonly runtime: string;
  readonly host: string;
  /** The run's exit code as `firedrill run` returned it (src/cli/exit-codes.ts). */
  readonly exitCode: number;
  readonly verdict: RunVerdict;
  readonly scenarios: readonly ScenarioRecord[];
}

export type RunVerdict = 'passed' | 'failed' | 'inconclusive' | 'interrupted';

/** The run's verdict from its exit code: 0 passed, 1 failed, 130/143 interrupted, anything else inconclusive. */
export function runVerdict(exitCode: number): RunVerdict {
  if (exitCode === 0) return 'passed';
  if (exitCode === 1) return 'failed';
  return exitCode === 130 || exitCode === 143 ? 'interrupted' : 'inconclusive';
}

export function runRecord(evidence: Evidence, exitCode: number, host: string = hostname()): RunRecord {
  return {
    runId: evidence.runId,
    startedAt: evidence.startedAt,
    finishedAt: evidence.finishedAt,
    harnessVersion: evidence.harness.version,
    harnessCommit: evidence.harness.commit,
    runbookSha256: evidence.runbook?.sha256 ?? null,
    runbookVersion: evidence.runbook?.version ?? null,
    runtime: evidence.runtime,
    host,
    exitCode,
    verdict: runVerdict(exitCode),
    scenarios: evidence.scenarios.map(scenarioRecord),
  };
}

export function scenarioRecord(result: ScenarioResult): ScenarioRecord {
  const { measured, targets } = result;
  const timed = (metric: Metric, value: number | null | undefined, target: number): MeasurementRecord => ({
    metric,
    measured: value ?? null,
    target,
    met: value === null || value === undefined ? null : value <= target,
  });
  // The recovery is judged against the rollback target when one is declared (judge.ts), the RTO against the outage.
  const measurements = [
    timed('detect', measured.detectMs, targets.detectMs),
    timed('recovery', measured.recoveryMs, targets.rollbackMs ?? targets.recoveryMs),
    ...(targets.rtoMs === undefined ? [] : [timed('rto', measured.rtoMs ?? measured.outageMs, targets.rtoMs)]),
    timed('dataLoss', measured.dataLoss, targets.dataLoss),
  ];
  return {
    id: result.id,
    verdict: result.verdict,
    reasons: result.reasons,
    measurements,
    findings: result.verdict === 'failed' ? findingsOf(result) : [],
  };
}

/** One per key: two reasons differing only in their numbers are one finding in this run. */
function findingsOf(result: ScenarioResult): ScenarioRecord['findings'] {
  const byKey = new Map<string, string>();
  for (const reason of result.reasons) {
    const key = findingKey(result.id, reason);
    if (!byKey.has(key)) byKey.set(key, reason);
  }
  return [...byKey].map(([key, reason]) => ({ key, reason }));
}
