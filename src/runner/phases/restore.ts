/**
 * Phases 4 and 5 as one seam: who gives service back, and when the recovery
 * probes held. An unattended run's is `runbookRestore` (the runbook's steps,
 * then awaitRecovery); a game day's is a person at a shell (src/gameday).
 * Everything around it (steady state, faults, detection, alerts, the health
 * check during the fault, integrity, checks, reverts) is the same run.
 *
 *   detect → alerts → health check ──> restore(run, incident) ──> Restoration ──> recoveryMs, outageMs
 */
import type { GameDayRecord } from '../../evidence/game-day-record.ts';
import type { StepTranscript } from '../../runbook/step.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import type { CheckOutcome } from './check.ts';
import { remediate } from './remediate.ts';
import { awaitRecovery } from './verify.ts';

/** What the responder is handed: when the fault went in, and what the run checked so far (the failing health check). */
export interface Incident {
  /** Monotonic time (clock.now()) of the first fault's injection. */
  readonly injectedAt: number;
  readonly checks: readonly CheckOutcome[];
}

export interface Restoration {
  /** Monotonic time remediation began: recoveryMs counts from here. */
  readonly startedAt: number;
  readonly transcripts: readonly StepTranscript[];
  /** One per runbook step that ran: whether it touched only what it declares. */
  readonly collateral: readonly CheckOutcome[];
  /** The remediation itself failed (a step did): recovery was not awaited. */
  readonly failure?: string;
  /** Monotonic time the recovery probes held; absent with `notRestored` saying what was still broken. */
  readonly heldAt?: number;
  readonly notRestored?: string;
  /** A game day's human record: who responded, what they typed, their notes. */
  readonly gameDay?: GameDayRecord;
}

export type RestorePhase = (run: ScenarioRun, incident: Incident) => Promise<Restoration>;

/** The unattended run's: the scenario's runbook steps in order, then the recovery probes within the target. */
export const runbookRestore: RestorePhase = async (run) => {
  const startedAt = run.clock.now();
  run.timeline.record('remediation.started', { steps: run.scenario.remediation.map((s) => s.id) });
  const outcome = await remediate(run);
  const done = { startedAt, transcripts: outcome.transcripts, collateral: outcome.collateral };
  if (outcome.failure) return { ...done, failure: outcome.failure };
  const recovery = await awaitRecovery(run, startedAt);
  if (recovery.heldAt !== undefined) return { ...done, heldAt: recovery.heldAt };
  return { ...done, notRestored: notRestoredBy(outcome.transcripts, recovery.unmet) };
};

/** Says precisely what the runbook's steps left broken, and what they changed that has not taken effect. */
function notRestoredBy(transcripts: readonly StepTranscript[], unmet: readonly string[]): string {
  const ran = transcripts.filter((t) => !t.skipped).map((t) => t.stepId);
  const observed = transcripts.flatMap((t) => (t.observed ?? []).map((o) => `after ${t.stepId}: ${o.detail}`));
  return (
    `the runbook's steps (${ran.join(', ') || 'none'}) ran and did not restore service: ${unmet.join('; ')}` +
    (observed.length > 0 ? ` (${observed.join('; ')})` : '')
  );
}
