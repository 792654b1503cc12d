import type { ScenarioRun } from '../scenario-run.ts';

/**
 * Injection → a signal, in ms. `seenAt` is when the harness saw it
 * (monotonic); `since`, when the observed system itself says it began (wall
 * clock, e.g. Prometheus' firing time) and is used when it falls between the
 * injection and the sighting. Earlier than the injection, the state predates
 * the fault and the sighting is all that can be claimed.
 */
export function sinceInjection(run: Pick<ScenarioRun, 'clock'>, injectedAt: number, seenAt: number, since: number | undefined): number {
  if (since === undefined) return Math.round(seenAt - injectedAt);
  const sinceAt = run.clock.now() - (run.clock.wallTime().getTime() - since);
  return Math.round((sinceAt >= injectedAt && sinceAt <= seenAt ? sinceAt : seenAt) - injectedAt);
}
