import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ClaimedOrder, DispatchQueue } from '../../fixtures/ats/order-gateway/dispatch-queue.ts';
import { Dispatcher } from '../../fixtures/ats/order-gateway/dispatcher.ts';
import type { ExchangeClient } from '../../fixtures/ats/order-gateway/exchange-client.ts';
import type { GatewayMetrics } from '../../fixtures/ats/order-gateway/gateway-metrics.ts';
import type { RateGate } from '../../fixtures/ats/order-gateway/rate-gate.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

// The dispatcher's control flow against an in-memory orders table (pure logic;
// the real queue, Postgres and exchange are exercised by every gate scenario).
// Found by postgres-partition on docker: an acknowledged order never filled.
// A claim is one UPDATE … RETURNING; when the connection drops after its
// commit, the client sees an error while the orders sit in "sending", where
// nothing but a restart used to pick them up again.
class LostReplyQueue {
  readonly status = new Map<string, 'accepted' | 'sending' | 'filled'>([['o-1', 'accepted']]);
  #lostReplies = 1;
  async claim(limit: number): Promise<ClaimedOrder[]> {
    const claimed = [...this.status]
      .filter(([, s]) => s === 'accepted')
      .slice(0, limit)
      .map(([id]) => id);
    for (const id of claimed) this.status.set(id, 'sending');
    if (this.#lostReplies-- > 0) throw new Error('Connection terminated unexpectedly'); // committed, reply lost
    return claimed.map((id) => ({ id, symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 }));
  }
  async requeue(ids: readonly string[]): Promise<void> {
    for (const id of ids) if (this.status.get(id) === 'sending') this.status.set(id, 'accepted');
  }
  async inFlight(): Promise<string[]> {
    return [...this.status].filter(([, s]) => s === 'sending').map(([id]) => id);
  }
  async requeueAllSending(): Promise<number> {
    const sending = [...this.status].filter(([, s]) => s === 'sending');
    for (const [id] of sending) this.status.set(id, 'accepted');
    return sending.length;
  }
  async recordFill(id: string): Promise<void> {
    if (this.status.get(id) === 'sending') this.status.set(id, 'filled');
  }
  async markRejected(): Promise<void> {}
}

describe('order-gateway dispatcher', () => {
  it('requeues the orders of a claim whose reply was lost, so they are still filled', { timeout: 10_000 }, async () => {
    const queue = new LostReplyQueue();
    const registry = new Registry();
    const dispatcher = new Dispatcher({
      queue: queue as unknown as DispatchQueue,
      gate: { blockedForMs: async () => 0, acquire: async () => ({ granted: true }), block: async () => 0 } as unknown as RateGate,
      exchange: {
        sendOrder: async () => ({ kind: 'filled', duplicate: false, exchangeOrderId: 'x-1', fillQty: 1, fillPrice: 100 }),
      } as unknown as ExchangeClient,
      metrics: { ordersFilled: { inc: () => {} }, ordersRejected: { inc: () => {} }, registry } as unknown as GatewayMetrics,
      logger: pino({ level: 'silent' }),
    });
    dispatcher.start();
    try {
      await waitUntil(async () => queue.status.get('o-1') === 'filled', { what: 'order o-1 filled', timeoutMs: 5_000, intervalMs: 20 });
    } finally {
      await dispatcher.stop();
    }
    expect([...queue.status]).toEqual([['o-1', 'filled']]);
  });
});
