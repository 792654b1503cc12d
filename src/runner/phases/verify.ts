import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';

export interface RecoveryOutcome {
  /** Monotonic time the recovery probes held (for the hold window), or undefined. */
  readonly heldAt: number | undefined;
  /** When they did not: what each probe that did not hold saw last. */
  readonly unmet: readonly string[];
}

/** Phase 5. Waits for the recovery probes to hold. */
export async function awaitRecovery(run: ScenarioRun, remediationStartedAt: number): Promise<RecoveryOutcome> {
  const { scenario, timeline } = run;
  timeline.record('recovery.waiting', { probes: scenario.recovery.map((p) => p.name) });
  const deadlineMs = scenario.targets.recoveryMs + scenario.timeouts.overrunMs - (run.clock.now() - remediationStartedAt);
  const result = await pollUntilHeld(scenario.recovery, run.probes, {
    ...run,
    deadlineMs,
    intervalMs: 100,
    holdMs: scenario.hold.recoveryMs,
  });
  const observations = result.last.map((o) => o.detail);
  timeline.record(result.heldAt === undefined ? 'recovery.missed' : 'recovery.held', { observations });
  const unmet = result.last.flatMap((o, i) => (o.ok ? [] : [`${scenario.recovery[i]!.name}: ${o.detail}`]));
  return { heldAt: result.heldAt, unmet };
}
