/**
 * The log sink's ingestion lag: how old the newest canary line it received
 * is (the shipper writes one a second). Above a threshold, logs are that late.
 */
import { logSink, logSinkState, type SinkState } from './log-sink-api.ts';
import type { Observation, Probe } from './probe.ts';

/**
 * Holds while the sink's ingestion lag is above `seconds`; `since` is when it
 * went past, by the sink's own record: the newest canary's time plus the threshold.
 */
export function ingestionLagAbove(seconds: number): Probe {
  return {
    name: `log-sink ingestion lag above ${seconds} s`,
    uses: { services: [logSink] },
    async observe({ env, signal }): Promise<Observation> {
      const state = await logSinkState(env, signal);
      const ok = state.lagSeconds > seconds;
      const newest = state.newestCanaryAt === null ? undefined : Date.parse(state.newestCanaryAt);
      return { ok, detail: describe(state), ...(ok && newest !== undefined ? { since: newest + seconds * 1000 } : {}) };
    },
  };
}

/**
 * Holds while the sink's ingestion lag is below `seconds`, once a canary line
 * has arrived: before the first, the sink counts its lag from its own start,
 * which says nothing yet about the pipeline.
 */
export function ingestionLagBelow(seconds: number): Probe {
  return {
    name: `log-sink ingestion lag below ${seconds} s`,
    uses: { services: [logSink] },
    async observe({ env, signal }) {
      const state = await logSinkState(env, signal);
      return { ok: state.newestCanaryAt !== null && state.lagSeconds < seconds, detail: describe(state) };
    },
  };
}

function describe(state: SinkState): string {
  const canary = state.newestCanaryAt === null ? 'no canary line received yet' : `newest canary line from ${state.newestCanaryAt}`;
  return `lag ${state.lagSeconds.toFixed(1)} s (${canary})`;
}
