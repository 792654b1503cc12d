import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import { sinceInjection } from './since-injection.ts';

/**
 * Phase 3. Waits for the detection signal; returns detectMs, or null if it
 * never came (target + overrun). An alert signal is timed by Prometheus'
 * clock (when it turned firing), any other when the harness saw it.
 */
export async function awaitDetection(run: ScenarioRun, injectedAt: number): Promise<number | null> {
  const { scenario, timeline } = run;
  const deadlineMs = scenario.targets.detectMs + scenario.timeouts.overrunMs - (run.clock.now() - injectedAt);
  const result = await pollUntilHeld([scenario.detection], run.probes, { ...run, deadlineMs, intervalMs: 50 });
  const seen = result.last[0];
  if (result.heldAt === undefined) {
    timeline.record('detection.missed', { signal: scenario.detection.name, last: seen?.detail });
    return null;
  }
  const detectMs = sinceInjection(run, injectedAt, result.heldAt, seen?.since);
  timeline.record('detection.signal', { signal: scenario.detection.name, detectMs, observed: seen?.detail });
  return detectMs;
}
