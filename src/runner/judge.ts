/**
 * The verdict, computed from measured numbers against declared targets.
 * Pure: unit tested with made-up measurements.
 */
import type { RpoMeasurement, Targets } from '../scenario/scenario.ts';
import { type AlertMeasurement, alertMisses } from './phases/alerts.ts';

export type Verdict = 'passed' | 'failed' | 'aborted' | 'errored' | 'skipped';

export interface Measured {
  detectMs: number | null;
  recoveryMs: number | null;
  outageMs: number | null;
  dataLoss: number | null;
  duplicates: number | null;
  /** The recovery time again, under its name, when the scenario declares a rollbackMs target. */
  rollbackMs?: number | null;
  /** The outage again, under its name, when the scenario declares an rtoMs target (total loss → operational). */
  rtoMs?: number | null;
  /** A restore from backups: acknowledged orders it gave back or lost, against what its strategy promises. */
  rpo?: RpoMeasurement;
  /** The alerts the scenario expects to fire, each with when it did. */
  alerts: AlertMeasurement[];
}

export interface Findings {
  /** Set when the steady state did not hold before injection. */
  readonly aborted?: string;
  /** Set when the harness or environment broke. */
  readonly errored?: string;
  /** Set when the run was interrupted (SIGINT, SIGTERM): it proves nothing either way, whatever a cancelled step reported. */
  readonly interrupted?: string;
  /** Remediation steps and checks that did not hold, each a sentence naming its subject: findings, whatever broke afterwards. */
  readonly failures: readonly string[];
  /** Faults that did not revert, a fault proxy that did not reset: findings of a run that measured, noted on one that errored. */
  readonly cleanup?: readonly string[];
}

export interface Judgement {
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
}

/**
 * An interrupted run is errored. A failure recorded before the harness broke
 * is a finding all the same: the verdict is failed, naming it first, with the
 * harness error after it (a remediation that does not work must read as
 * failed, even when what it left broken also stopped the harness measuring).
 */
export function judge(targets: Targets, measured: Measured, findings: Findings): Judgement {
  const cleanup = findings.cleanup ?? [];
  if (findings.interrupted) return { verdict: 'errored', reasons: [findings.interrupted] };
  if (findings.errored && findings.failures.length === 0) return { verdict: 'errored', reasons: [findings.errored, ...cleanup] };
  if (findings.aborted) return { verdict: 'aborted', reasons: [findings.aborted, ...cleanup] };
  const reasons = [
    ...findings.failures,
    ...(findings.errored ? [`then the harness could not finish judging: ${findings.errored}`] : []),
    ...cleanup,
    ...targetMisses(targets, measured),
  ];
  return { verdict: reasons.length === 0 ? 'passed' : 'failed', reasons };
}

function targetMisses(targets: Targets, measured: Measured): string[] {
  const misses: string[] = [];
  if (measured.detectMs === null) misses.push(`fault not detected (target ${targets.detectMs} ms)`);
  else if (measured.detectMs > targets.detectMs) misses.push(`detected after ${measured.detectMs} ms, target ${targets.detectMs} ms`);
  if (targets.rollbackMs !== undefined) {
    if (measured.recoveryMs === null) misses.push(`rollback not complete (target ${targets.rollbackMs} ms)`);
    else if (measured.recoveryMs > targets.rollbackMs)
      misses.push(`rolled back after ${measured.recoveryMs} ms, target ${targets.rollbackMs} ms`);
  } else if (measured.recoveryMs === null) misses.push(`steady state not restored (target ${targets.recoveryMs} ms)`);
  else if (measured.recoveryMs > targets.recoveryMs)
    misses.push(`recovered after ${measured.recoveryMs} ms, target ${targets.recoveryMs} ms`);
  if (targets.rtoMs !== undefined && measured.recoveryMs !== null) {
    if (measured.outageMs === null) misses.push(`recovery time not measured (RTO target ${targets.rtoMs} ms)`);
    else if (measured.outageMs > targets.rtoMs)
      misses.push(`operational again ${measured.outageMs} ms after the loss, RTO target ${targets.rtoMs} ms`);
  }
  if (measured.dataLoss === null) misses.push('data loss not measured');
  else if (measured.dataLoss > targets.dataLoss)
    misses.push(`${measured.dataLoss} acknowledged record(s) lost, target ${targets.dataLoss}`);
  if (measured.duplicates !== null && measured.duplicates > 0) misses.push(`${measured.duplicates} record(s) duplicated`);
  misses.push(...alertMisses(measured.alerts));
  return misses;
}
