/**
 * One order placed through the system's workload adapter by a probe (a smoke
 * test's, not the order flow's): a fresh `smoke-…` client order id, the
 * adapter's answer, or what kept it from answering.
 */
import { randomUUID } from 'node:crypto';
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import type { OrderAnswer, OrderRequest, WorkloadAdapter } from '../workload/workload-adapter.ts';
import { errorText } from '../error-text.ts';

export type PlacedOrder =
  | { readonly order: OrderRequest; readonly answer: OrderAnswer & { readonly outcome: 'acknowledged' } }
  | { readonly order: OrderRequest; readonly problem: string; readonly answered: boolean };

export async function placeProbeOrder(workload: WorkloadAdapter, signal: AbortSignal, timeoutMs: number): Promise<PlacedOrder> {
  const order: OrderRequest = { clientOrderId: `smoke-${randomUUID()}`, symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 };
  try {
    const answer = await workload.place(order, AbortSignal.any([signal, timeoutAfterPendingIo(timeoutMs)]));
    if (answer.outcome === 'acknowledged') return { order, answer };
    const why = [answer.status, answer.reason].filter((part) => part !== undefined).join(': ');
    return { order, answered: true, problem: `order ${order.clientOrderId} refused${why ? ` (${why})` : ''}${servedBy(answer)}` };
  } catch (error) {
    return {
      order,
      answered: false,
      problem: `order ${order.clientOrderId} got no answer (waited up to ${timeoutMs} ms): ${errorText(error)}`,
    };
  }
}

/** ` by blue` when the answer says which instance served it. */
export function servedBy(answer: OrderAnswer): string {
  return answer.servedBy ? ` by ${answer.servedBy}` : '';
}
