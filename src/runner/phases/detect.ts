import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';

/** Phase 3. Waits for the detection signal; returns detectMs, or null if it never came (target + overrun). */
export async function awaitDetection(run: ScenarioRun, injectedAt: number): Promise<number | null> {
  const { scenario, timeline } = run;
  const deadlineMs = scenario.targets.detectMs + scenario.timeouts.overrunMs - (run.clock.now() - injectedAt);
  const result = await pollUntilHeld([scenario.detection], run.probes, { ...run, deadlineMs, intervalMs: 50 });
  if (result.heldAt === undefined) {
    timeline.record('detection.missed', { signal: scenario.detection.name, last: result.last[0]?.detail });
    return null;
  }
  const detectMs = Math.round(result.heldAt - injectedAt);
  timeline.record('detection.signal', { signal: scenario.detection.name, detectMs, observed: result.last[0]?.detail });
  return detectMs;
}
