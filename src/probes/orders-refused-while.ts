import { usesOf } from '../scenario/uses.ts';
import type { RequestRecord } from '../workload/order-flow.ts';
import type { Probe } from './probe.ts';

export interface OrdersRefusedWhileOptions {
  /** How long the gateway may take to notice that `condition` began (its connection to Redis dropping) before it must refuse. */
  readonly noticeMs: number;
}

/**
 * A promise kept while a dependency is gone: no order requested while
 * `condition` holds is acknowledged (HTTP 202). A fault-watch probe, stateful
 * across its looks: the window opens at the first look that sees `condition`
 * hold (plus `noticeMs`) and closes at the first that does not; between two
 * looks that both see it, it is taken to hold throughout (the fault watch
 * looks every 250 ms, and nothing restores the dependency but the runbook).
 * An order whose request began inside the window and was acknowledged breaks it.
 */
export function noOrderAcknowledgedWhile(condition: Probe, options: OrdersRefusedWhileOptions): Probe {
  // Per run, keyed by the run's order flow: a scenario (and this probe) is reused across runs, and a run that
  // ended with the dependency still gone must not open the next run's window at its own first look.
  const holdingSinceByRun = new WeakMap<object, number>();
  return {
    name: `no order acknowledged while ${condition.name}`,
    uses: usesOf(condition),
    async observe(context) {
      const { orderFlow } = context;
      const lookedAt = orderFlow.now();
      const seen = await condition.observe(context);
      if (!seen.ok) {
        holdingSinceByRun.delete(orderFlow);
        return { ok: true, detail: `${condition.name} does not hold: ${seen.detail}` };
      }
      const holdingSince = holdingSinceByRun.get(orderFlow) ?? lookedAt;
      holdingSinceByRun.set(orderFlow, holdingSince);
      const from = holdingSince + options.noticeMs;
      const inWindow = orderFlow.requestsWithin(orderFlow.now() - from).filter((r) => within(startOf(r), from, lookedAt));
      const acked = inWindow.filter((r) => r.outcome === 'acknowledged');
      const since = `${Math.round(lookedAt - holdingSince)} ms since ${condition.name} was first seen (${seen.detail})`;
      if (acked.length === 0) return { ok: true, detail: `${inWindow.length} order(s) requested and none acknowledged in the ${since}` };
      return {
        ok: false,
        detail:
          `${acked.length} of ${inWindow.length} order(s) requested in the ${since}, after ${options.noticeMs} ms to notice, were acknowledged ` +
          `(first ${Math.round(startOf(acked[0]!) - holdingSince)} ms in): an order that cannot be rate-limited must be refused`,
      };
    },
  };
}

const startOf = (request: RequestRecord) => request.at - request.latencyMs;
const within = (t: number, from: number, to: number) => t >= from && t <= to;
