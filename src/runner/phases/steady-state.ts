import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';

/** Phase 1. Returns the reason to abort, or undefined when the steady state holds. */
export async function awaitSteadyState(run: ScenarioRun): Promise<string | undefined> {
  const { scenario, timeline } = run;
  timeline.record('steady-state.started', { probes: scenario.steadyState.map((p) => p.name) });
  const result = await pollUntilHeld(scenario.steadyState, run.probes, {
    ...run,
    deadlineMs: scenario.timeouts.steadyStateMs,
    intervalMs: 250,
    holdMs: scenario.hold.steadyStateMs,
  });
  const observations = result.last.map((o) => o.detail);
  if (result.heldAt === undefined) {
    timeline.record('steady-state.unmet', { observations });
    const failing = scenario.steadyState.filter((_, i) => !result.last[i]?.ok).map((p) => p.name);
    return `steady state did not hold for ${scenario.hold.steadyStateMs} ms within ${scenario.timeouts.steadyStateMs} ms before injection: ${failing.join('; ')}`;
  }
  timeline.record('steady-state.held', { observations });
  return undefined;
}
