import type { Downstream, OrderAnswer, OrderReadBack, OrderRequest, WorkloadAdapter } from '../../src/workload/workload-adapter.ts';

/** What the system answers the `n`th order (from 0): an answer, or an error it throws for no answer. */
export type Decide = (order: OrderRequest, n: number, signal: AbortSignal) => Promise<OrderAnswer>;

/**
 * A trading system in memory, for the pure logic of the order flow and the
 * checks (the reference adapter against the real system is proved in
 * test/workload/reference-workload.integration.test.ts): what it persisted
 * and filled is set by the test, every place and readBack is recorded.
 */
export class InMemoryWorkload implements WorkloadAdapter {
  /** clientOrderId → what the system holds; absent: never persisted. */
  readonly held = new Map<string, { fills: number }>();
  readonly placed: OrderRequest[] = [];
  readonly asked: (readonly string[])[] = [];
  readonly downstream?: Downstream;
  readonly persistedIn?: string;
  readonly #decide: Decide;

  constructor(decide: Decide = acknowledgeAll, extras: { persistedIn?: string; downstream?: Downstream } = {}) {
    this.#decide = decide;
    if (extras.persistedIn !== undefined) this.persistedIn = extras.persistedIn;
    if (extras.downstream !== undefined) this.downstream = extras.downstream;
  }

  place(order: OrderRequest, signal: AbortSignal): Promise<OrderAnswer> {
    this.placed.push(order);
    return this.#decide(order, this.placed.length - 1, signal);
  }

  async readBack(clientOrderIds: readonly string[]): Promise<readonly OrderReadBack[]> {
    this.asked.push([...clientOrderIds]);
    return clientOrderIds.map((id) => {
      const held = this.held.get(id);
      return { clientOrderId: id, persisted: held !== undefined, fills: held?.fills ?? 0 };
    });
  }

  /** Sets what the system holds of each order: a number of fills, or undefined for never persisted. */
  hold(orders: Record<string, number | undefined>): this {
    for (const [id, fills] of Object.entries(orders)) {
      if (fills === undefined) this.held.delete(id);
      else this.held.set(id, { fills });
    }
    return this;
  }
}

export const acknowledgeAll: Decide = async (order) => ({ outcome: 'acknowledged', orderId: `o-${order.clientOrderId}`, status: 202 });
