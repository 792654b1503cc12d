/**
 * A probe observes one thing about the running system and says whether it
 * holds. Probes never change the system. Steady state, detection signals,
 * recovery and step postconditions are all probes.
 */
import type { Environment } from '../runtime/runtime.ts';
import type { OrderFlow } from '../workload/order-flow.ts';
import type { SqlClient } from './sql-client.ts';

export interface ProbeContext {
  readonly env: Environment;
  readonly orderFlow: OrderFlow;
  readonly sql: SqlClient;
  readonly signal: AbortSignal;
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
}

export interface Probe {
  /** States what holds when ok: `order-gateway /readyz answers 200`. */
  readonly name: string;
  observe(context: ProbeContext): Promise<Observation>;
}

/** The negation of a probe: a detection signal is often "readiness no longer holds". */
export function not(probe: Probe, name = `not: ${probe.name}`): Probe {
  return {
    name,
    async observe(context) {
      const seen = await probe.observe(context);
      return { ok: !seen.ok, detail: seen.detail };
    },
  };
}

/** Observes every probe; ok when all hold. A probe that throws counts as not holding. */
export async function observeAll(probes: readonly Probe[], context: ProbeContext): Promise<Observation[]> {
  return Promise.all(
    probes.map((probe) =>
      probe.observe(context).catch((error: unknown) => ({ ok: false, detail: `${probe.name}: ${(error as Error).message}` })),
    ),
  );
}
