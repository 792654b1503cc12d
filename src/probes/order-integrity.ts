/**
 * Data loss and duplicates for the trading system, asked of its workload
 * adapter (src/workload/workload-adapter.ts): every order it acknowledged
 * must be persisted and, once it has drained, filled exactly once.
 *
 *   lost       = acknowledged, not persisted  +  persisted, still 0 fills after the drain
 *   duplicated = orders with more than 1 fill  +  what the adapter's downstream saw twice
 *
 * Its reads survive what a failed remediation leaves behind: a read the
 * system refuses is tried again for up to `readRetryMs` (the reference ATS's
 * SQL client falls back to the superuser when the server is full), so a fix
 * that did not work is judged failed, never errored for want of a count.
 */
import { type Clock, systemClock } from '../clock/clock.ts';
import { waitUntil } from '../clock/wait-until.ts';
import type { Integrity } from '../scenario/scenario.ts';
import type { OrderReadBack, WorkloadAdapter } from '../workload/workload-adapter.ts';
import type { ProbeContext } from './probe.ts';

export interface OrderIntegrityOptions {
  /** How long acknowledged orders may take to drain to the exchange before unfilled ones count as lost. */
  readonly drainMs: number;
  /**
   * Where the scenario's remediation cancels unexecuted orders on purpose (a kill switch): why. An order the system
   * reports cancelled (OrderReadBack.cancelled) then counts as settled, not lost. Absent: an unfilled order is lost.
   */
  readonly cancelledIsSettled?: string;
  /** How long a refused read is tried again before the check gives up (default 10 s). */
  readonly readRetryMs?: number;
  readonly clock?: Clock;
}

const DEFAULT_READ_RETRY_MS = 10_000;
const RETRY_INTERVAL_MS = 250;
const DRAIN_INTERVAL_MS = 200;

export function acknowledgedOrdersIntegrity(options: OrderIntegrityOptions) {
  return async ({ orderFlow, signal }: ProbeContext): Promise<Integrity> => {
    const { workload } = orderFlow;
    const clock = options.clock ?? systemClock;
    const read = <T>(what: string, once: () => Promise<T>) =>
      waitUntil(async () => ({ value: await once() }), {
        what,
        timeoutMs: options.readRetryMs ?? DEFAULT_READ_RETRY_MS,
        intervalMs: RETRY_INTERVAL_MS,
        signal,
        clock,
      }).then(({ value }) => value);
    const ids = orderFlow.acknowledgedClientOrderIds();
    const readBack = () => readBackAll(workload, ids, signal);
    const persistedIn = workload.persistedIn ?? "the system's records";
    const missing = (await read(`a count of acknowledged orders missing from ${persistedIn}`, readBack)).filter((o) => !o.persisted).length;
    // Polled until every persisted order is filled (a read failing meanwhile is tried again), then read once more.
    const settled = (order: OrderReadBack) => drainedOf(order) || (options.cancelledIsSettled !== undefined && order.cancelled === true);
    const drained = await waitUntil(
      async () => {
        const orders = await readBack();
        return orders.every(settled) && orders;
      },
      { what: 'all acknowledged orders filled', timeoutMs: options.drainMs, intervalMs: DRAIN_INTERVAL_MS, signal, clock },
    ).catch(() => read('a count of acknowledged orders not filled', readBack));
    const unfilledOrders = drained.filter((o) => !settled(o));
    const unfilled = unfilledOrders.length;
    const cancelled = options.cancelledIsSettled === undefined ? 0 : drained.filter((o) => !drainedOf(o) && o.cancelled).length;
    const cancelledDetail = cancelled > 0 ? `${cancelled} cancelled unexecuted (${options.cancelledIsSettled}), ` : '';
    const filledTwice = drained.filter((o) => o.fills > 1).length;
    const { downstream } = workload;
    const resent =
      downstream && (await read(`${downstream.name}'s count of duplicate submissions`, () => downstream.duplicateSubmissions(signal)));
    const detail =
      `${ids.length} orders acknowledged: ${missing} missing from ${persistedIn}, ` +
      `${cancelledDetail}${unfilled} still unfilled after a drain of up to ${options.drainMs} ms${byStatus(unfilledOrders)}, ` +
      duplicatesDetail(filledTwice, downstream?.name, resent);
    return { lost: missing + unfilled, duplicated: filledTwice + (resent || 0), detail };
  };
}

/** Drained: not persisted (counted missing already), or filled. */
const drainedOf = (order: OrderReadBack) => !order.persisted || order.fills > 0;

/** One answer per id asked, in that order; an id the adapter left out of its answer is not persisted. Nothing asked, nothing read. */
export async function readBackAll(workload: WorkloadAdapter, ids: readonly string[], signal: AbortSignal): Promise<OrderReadBack[]> {
  if (ids.length === 0) return [];
  const answered = new Map((await workload.readBack(ids, signal)).map((order) => [order.clientOrderId, order]));
  return ids.map((id) => answered.get(id) ?? { clientOrderId: id, persisted: false, fills: 0 });
}

/** " (accepted 120, sending 14)": the unfilled orders by the system's state of them, most first, where the adapter reads it. */
function byStatus(orders: readonly OrderReadBack[]): string {
  const counts = new Map<string, number>();
  for (const { status } of orders) if (status !== undefined) counts.set(status, (counts.get(status) ?? 0) + 1);
  if (counts.size === 0) return '';
  const mostFirst = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  return ` (${mostFirst.map(([status, count]) => `${status} ${count}`).join(', ')})`;
}

function duplicatesDetail(filledTwice: number, downstream: string | undefined, resent: number | undefined): string {
  const filled = `${filledTwice} filled more than once`;
  if (downstream === undefined) return filled;
  const seen = `${resent} duplicate submission(s) seen by ${downstream}`;
  return filledTwice > 0 ? `${seen}, ${filled}` : seen;
}
