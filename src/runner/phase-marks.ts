/**
 * Marks where each phase of a scenario run begins and ends on its timeline, so
 * that whoever reads the evidence (the Allure steps of a test run, a report's
 * timeline) can show the phases with their times without knowing which event
 * belongs to which phase:
 *
 *   phase.started  { phase }
 *   …              the phase's own events (detection.signal, step.finished, …)
 *   phase.finished { phase, failures?, error? }
 *
 * `failures` are what the phase added to the run's failures; `error` is what it
 * threw (the run then errors). A phase that ends by a missed wait records its
 * own event (detection.missed, recovery.missed) and no failure here: the judge
 * turns those into reasons.
 */
import type { Timeline } from './timeline.ts';

export type PhaseName =
  | 'steady-state'
  | 'prepare'
  | 'inject'
  | 'detect'
  | 'alerts'
  | 'health-check-during-fault'
  /** Phases 4-5 (phases/restore.ts): the runbook's steps (or a game day's person), then the wait for recovery. */
  | 'restore'
  | 'health-check-after-recovery'
  | 'integrity'
  | 'checks'
  | 'cleanup';

/** Runs `body` between the phase's two marks; `failures` is the run's list, read before and after. */
export async function inPhase<T>(timeline: Timeline, phase: PhaseName, failures: readonly string[], body: () => Promise<T>): Promise<T> {
  const before = failures.length;
  timeline.record('phase.started', { phase });
  let thrown: string | undefined;
  try {
    return await body();
  } catch (error) {
    thrown = (error as Error).message ?? String(error);
    throw error;
  } finally {
    const added = failures.slice(before);
    timeline.record('phase.finished', { phase, ...(added.length > 0 ? { failures: added } : {}), ...(thrown ? { error: thrown } : {}) });
  }
}
