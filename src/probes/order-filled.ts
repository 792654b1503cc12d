import { waitUntil } from '../clock/wait-until.ts';
import { placeProbeOrder, servedBy } from './placed-order.ts';
import type { Probe } from './probe.ts';

export interface OrderFilledOptions {
  /** How long the system may take to fill the order once it acknowledged it; default 10 s. */
  readonly withinMs?: number;
  /** How long `place` may take to answer; default 5 s. */
  readonly answerTimeoutMs?: number;
}

/**
 * Places one order through the workload adapter and holds once the system
 * acknowledged it and filled it exactly once (readBack), within `withinMs`.
 * Changes the system by one order: a smoke test's probe, not a watcher's.
 */
export function orderPlacedAndFilled(options: OrderFilledOptions = {}): Probe {
  const withinMs = options.withinMs ?? 10_000;
  const answerTimeoutMs = options.answerTimeoutMs ?? 5000;
  return {
    name: 'an order placed through the workload is filled',
    async observe({ orderFlow, signal }) {
      const { workload } = orderFlow;
      const placed = await placeProbeOrder(workload, signal, answerTimeoutMs);
      if ('problem' in placed) return { ok: false, answered: placed.answered, detail: placed.problem };
      const { clientOrderId } = placed.order;
      const acknowledged = `order ${clientOrderId} acknowledged as ${placed.answer.orderId}${servedBy(placed.answer)}`;
      const started = performance.now();
      let fills = 0;
      const filled = await waitUntil(
        async () => {
          const [seen] = await workload.readBack([clientOrderId], signal);
          fills = seen?.fills ?? 0;
          return fills > 0;
        },
        { what: `order ${clientOrderId} filled`, timeoutMs: withinMs, intervalMs: 100, signal },
      ).then(
        () => true,
        () => false,
      );
      if (!filled) return { ok: false, detail: `${acknowledged}, not filled within ${withinMs} ms` };
      const tookMs = Math.round(performance.now() - started);
      if (fills > 1) return { ok: false, detail: `${acknowledged}, filled ${fills} times` };
      return { ok: true, detail: `${acknowledged}, filled within ${tookMs} ms` };
    },
  };
}
