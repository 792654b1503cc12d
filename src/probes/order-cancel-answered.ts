import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import { errorText } from '../error-text.ts';
import { placeProbeOrder, servedBy } from './placed-order.ts';
import type { Probe } from './probe.ts';

export interface OrderCancelOptions {
  /** How long `place` and `cancel` may each take to answer; default 5 s. */
  readonly answerTimeoutMs?: number;
}

/**
 * Places one order through the workload adapter and cancels it at once.
 * Holds when the cancel is answered correctly: cancelled, or too late because
 * the order had already gone on (sent, filled: a fast system fills before the
 * cancel arrives). A refusal, no answer, or an adapter without `cancel` does not hold.
 */
export function orderCancelAnswered(options: OrderCancelOptions = {}): Probe {
  const answerTimeoutMs = options.answerTimeoutMs ?? 5000;
  return {
    name: 'an order placed through the workload can be cancelled',
    async observe({ orderFlow, signal }) {
      const { workload } = orderFlow;
      if (!workload.cancel) return { ok: false, detail: 'the workload adapter has no cancel(orderId, signal): nothing to cancel through' };
      const placed = await placeProbeOrder(workload, signal, answerTimeoutMs);
      if ('problem' in placed) return { ok: false, answered: placed.answered, detail: `nothing to cancel: ${placed.problem}` };
      const { orderId } = placed.answer;
      const order = `order ${placed.order.clientOrderId} (${orderId}${servedBy(placed.answer)})`;
      try {
        const answer = await workload.cancel(orderId, AbortSignal.any([signal, timeoutAfterPendingIo(answerTimeoutMs)]));
        if (answer.outcome === 'cancelled') return { ok: true, detail: `${order} cancelled` };
        if (answer.outcome === 'too-late') return { ok: true, detail: `${order} was already ${answer.state}: cancel refused, correctly` };
        const why = [answer.status, answer.reason].filter((part) => part !== undefined).join(': ');
        return { ok: false, detail: `cancel of ${order} refused${why ? ` (${why})` : ''}` };
      } catch (error) {
        return {
          ok: false,
          answered: false,
          detail: `cancel of ${order} got no answer (waited up to ${answerTimeoutMs} ms): ${errorText(error)}`,
        };
      }
    },
  };
}
