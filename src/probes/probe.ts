/**
 * A probe observes one thing about the running system and says whether it
 * holds. Probes never change the system. Steady state, detection signals,
 * recovery and step postconditions are all probes.
 */
import { afterPendingIo } from '../clock/after-pending-io.ts';
import type { Environment } from '../runtime/runtime.ts';
import { type Uses, usesOf } from '../scenario/uses.ts';
import type { OrderFlow } from '../workload/order-flow.ts';
import type { SqlClient } from './sql-client.ts';

export interface ProbeContext {
  readonly env: Environment;
  readonly orderFlow: OrderFlow;
  readonly sql: SqlClient;
  readonly signal: AbortSignal;
  /** While a step's postcondition is polled: when the step's process started, wall-clock ms. */
  readonly stepStartedAtMs?: number;
}

export interface Observation {
  readonly ok: boolean;
  /** What was seen, for the timeline: `readyz 503: redis: connection closed`. */
  readonly detail: string;
  /**
   * When the observed state began, in wall-clock ms, by the observed system's
   * own record (Prometheus: when the alert turned firing). Absent, the state
   * is timed when the harness saw it.
   */
  readonly since?: number;
  /**
   * False when the observed system gave no answer (the probe's timeout, a
   * refused connection): the probe gave up, the system reported nothing.
   * Absent: the probe does not tell.
   */
  readonly answered?: boolean;
  /**
   * True when the harness could not look: it was itself held up (a busy machine kept it off the CPU) in the window
   * the probe judges, and saw nothing there. Not ok, and not broken either: the fault watch looks again, a poll waits.
   */
  readonly blind?: boolean;
}

export interface Probe {
  /** States what holds when ok: `order-gateway /readyz answers 200`. */
  readonly name: string;
  /** The services and links it looks at by name, checked against the config before anything starts. */
  readonly uses?: Uses;
  observe(context: ProbeContext): Promise<Observation>;
}

/**
 * The negation of a probe: "readiness no longer holds". Only an answer can
 * negate: an observation the system did not answer (`answered: false`) holds
 * neither way, so a probe's own timeout is never taken for a detection; nor
 * does a blind one.
 */
export function not(probe: Probe, name = `not: ${probe.name}`): Probe {
  return {
    name,
    uses: usesOf(probe),
    async observe(context) {
      const seen = await probe.observe(context);
      if (seen.answered === false) return { ok: false, answered: false, detail: `unanswered, so not evidence either way: ${seen.detail}` };
      if (seen.blind) return seen;
      return { ok: !seen.ok, detail: seen.detail, ...(seen.answered === undefined ? {} : { answered: seen.answered }) };
    },
  };
}

/**
 * Observes every probe; ok when all hold. A probe that throws counts as not holding. It looks once the answers that
 * already arrived were read (after-pending-io.ts: after a stall of the harness, a window would look empty).
 */
export async function observeAll(probes: readonly Probe[], context: ProbeContext): Promise<Observation[]> {
  await afterPendingIo();
  return Promise.all(
    probes.map((probe) =>
      probe.observe(context).catch((error: unknown) => ({ ok: false, detail: `${probe.name}: ${(error as Error).message}` })),
    ),
  );
}
