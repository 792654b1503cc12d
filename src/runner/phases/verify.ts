import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';

/** Phase 5. Waits for the recovery probes to hold; returns the monotonic time they held, or undefined. */
export async function awaitRecovery(run: ScenarioRun, remediationStartedAt: number): Promise<number | undefined> {
  const { scenario, timeline } = run;
  timeline.record('recovery.waiting', { probes: scenario.recovery.map((p) => p.name) });
  const deadlineMs = scenario.targets.recoveryMs + scenario.timeouts.overrunMs - (run.clock.now() - remediationStartedAt);
  const result = await pollUntilHeld(scenario.recovery, run.probes, { ...run, deadlineMs, intervalMs: 100, holdMs: scenario.hold.recoveryMs });
  const observations = result.last.map((o) => o.detail);
  timeline.record(result.heldAt === undefined ? 'recovery.missed' : 'recovery.held', { observations });
  return result.heldAt;
}
