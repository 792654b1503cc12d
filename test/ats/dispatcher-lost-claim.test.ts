import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ClaimedOrder, DispatchQueue } from '../../fixtures/ats/order-gateway/dispatch-queue.ts';
import { Dispatcher, type DispatcherDependencies } from '../../fixtures/ats/order-gateway/dispatcher.ts';
import type { ExchangeClient, ExchangeReply } from '../../fixtures/ats/order-gateway/exchange-client.ts';
import type { GatewayMetrics } from '../../fixtures/ats/order-gateway/gateway-metrics.ts';
import type { RateGate } from '../../fixtures/ats/order-gateway/rate-gate.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

// The dispatcher's control flow against an in-memory orders table (pure logic;
// the real queue, Postgres and exchange: test/ats/two-gateways.integration.test.ts
// and every gate scenario).
type Status = 'accepted' | 'sending' | 'filled' | 'cancelled';

/**
 * Found by postgres-partition on docker: an acknowledged order never filled.
 * A claim is one UPDATE … RETURNING; when the connection drops after its
 * commit, the client sees an error while the orders sit in "sending", where
 * nothing but a restart used to pick them up again.
 */
class InMemoryQueue {
  readonly status: Map<string, { status: Status; claimedBy?: string }>;
  constructor(ids = ['o-1']) {
    this.status = new Map(ids.map((id) => [id, { status: 'accepted' }]));
  }
  lostReplies = 0;
  async claim(limit: number, claimant: string): Promise<ClaimedOrder[]> {
    const claimed = [...this.status]
      .filter(([, o]) => o.status === 'accepted')
      .slice(0, limit)
      .map(([id]) => id);
    for (const id of claimed) this.status.set(id, { status: 'sending', claimedBy: claimant });
    if (this.lostReplies-- > 0) throw new Error('Connection terminated unexpectedly'); // committed, reply lost
    return claimed.map((id) => ({ id, symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100, claimedBy: claimant }));
  }
  async requeue(ids: readonly string[], claimant: string): Promise<number> {
    const mine = ids.filter((id) => this.#holds(id, claimant));
    for (const id of mine) this.status.set(id, { status: 'accepted' });
    return mine.length;
  }
  async cancelClaimed(ids: readonly string[], claimant: string): Promise<number> {
    const mine = ids.filter((id) => this.#holds(id, claimant));
    for (const id of mine) this.status.set(id, { status: 'cancelled', claimedBy: claimant });
    return mine.length;
  }
  /** Its own orphans only: no peers here. */
  async takeOver(claimant: string): Promise<string[]> {
    return [...this.status].filter(([id]) => this.#holds(id, claimant)).map(([id]) => id);
  }
  async recordFill(id: string, _fill: unknown, claimant: string): Promise<boolean> {
    if (!this.#holds(id, claimant)) return false;
    this.status.set(id, { status: 'filled', claimedBy: claimant });
    return true;
  }
  async markRejected(): Promise<boolean> {
    return true;
  }
  #holds(id: string, claimant: string): boolean {
    const order = this.status.get(id);
    return order?.status === 'sending' && order.claimedBy === claimant;
  }
}

const filled: ExchangeReply = { kind: 'filled', duplicate: false, exchangeOrderId: 'x-1', fillQty: 1, fillPrice: 100 };

/**
 * `replies`: what each send answers in turn (then `filled`); `lookup`: what a lookup answers (default 404, never
 * received); `killSwitch`: what it says of an unsent order (default: send it).
 */
function dispatcherOn(
  queue: InMemoryQueue,
  lease: DispatcherDependencies['lease'],
  {
    replies = [],
    lookup,
    killSwitch = { unsentOrders: () => 'send' },
  }: { replies?: ExchangeReply[]; lookup?: ExchangeReply; killSwitch?: DispatcherDependencies['killSwitch'] } = {},
) {
  const sent: string[] = [];
  const lookedUp: string[] = [];
  const dispatcher = new Dispatcher({
    queue: queue as unknown as DispatchQueue,
    gate: { blockedForMs: async () => 0, acquire: async () => ({ granted: true }), block: async () => 0 } as unknown as RateGate,
    exchange: {
      throttleMark: () => 0,
      // As the real client: the condition is asked when the request's turn comes.
      sendOrder: async (order: ClaimedOrder, maySend: () => boolean) => {
        if (!maySend()) return { kind: 'withheld' };
        sent.push(order.id);
        return replies.shift() ?? filled;
      },
      lookupOrder: async (id: string) => {
        lookedUp.push(id);
        return lookup ?? { kind: 'rejected', status: 404, reason: 'GET answered 404' };
      },
    } as unknown as ExchangeClient,
    metrics: { ordersFilled: { inc: () => {} }, ordersRejected: { inc: () => {} }, registry: new Registry() } as unknown as GatewayMetrics,
    logger: pino({ level: 'silent' }),
    lease,
    killSwitch,
    now: () => performance.now(),
  });
  return { dispatcher, sent, lookedUp };
}

/** Runs the dispatcher until order o-1 is filled (5 s at most), then stops it. */
async function untilFilled(dispatcher: Dispatcher, queue: InMemoryQueue): Promise<void> {
  dispatcher.start();
  try {
    await waitUntil(async () => queue.status.get('o-1')?.status === 'filled', {
      what: 'order o-1 filled',
      timeoutMs: 5_000,
      intervalMs: 20,
    });
  } finally {
    await dispatcher.stop();
  }
}

const alwaysHolds = { current: () => 'r-me', holds: (claimant: string) => claimant === 'r-me', start: () => {}, stop: async () => {} };

describe('order-gateway dispatcher', () => {
  it('reconciles the orders of a claim whose reply was lost (looked up first, then sent), so they are still filled', {
    timeout: 10_000,
  }, async () => {
    const queue = new InMemoryQueue();
    queue.lostReplies = 1;
    const { dispatcher, sent, lookedUp } = dispatcherOn(queue, alwaysHolds);
    await untilFilled(dispatcher, queue);
    expect([...queue.status]).toEqual([['o-1', { status: 'filled', claimedBy: 'r-me' }]]);
    expect(lookedUp).toEqual(['o-1']);
    expect(sent).toEqual(['o-1']);
  });

  it('sends nothing once its lease stops holding for the claim (declared dead while it waited its turn): the order goes back unsent', {
    timeout: 10_000,
  }, async () => {
    const queue = new InMemoryQueue();
    let claims = 0;
    // The claim is made under a lease that holds; by the time the order's turn comes, it holds no more.
    const lapsing = { ...alwaysHolds, current: () => (claims++ === 0 ? 'r-me' : undefined), holds: () => false };
    const { dispatcher, sent } = dispatcherOn(queue, lapsing);
    dispatcher.start();
    try {
      await waitUntil(async () => claims > 1, { what: 'a second look at the lease', timeoutMs: 5_000, intervalMs: 20 });
    } finally {
      await dispatcher.stop();
    }
    expect(sent).toEqual([]);
    expect([...queue.status]).toEqual([['o-1', { status: 'accepted' }]]);
  });

  it('looks up an order sent without an answer before sending it again: the exchange filled it, so it is sent once', {
    timeout: 10_000,
  }, async () => {
    const queue = new InMemoryQueue();
    // The request reached the exchange, which filled it, but its answer never came back (a timeout, a frozen process).
    const { dispatcher, sent, lookedUp } = dispatcherOn(queue, alwaysHolds, {
      replies: [{ kind: 'unavailable', reason: 'POST /api/v1/order: timed out' }],
      lookup: filled,
    });
    await untilFilled(dispatcher, queue);
    expect(sent).toEqual(['o-1']);
    expect(lookedUp).toEqual(['o-1']);
  });

  it('starts its lease with it, and stops it only once nothing is being sent', async () => {
    const events: string[] = [];
    const lease = { ...alwaysHolds, start: () => void events.push('lease started'), stop: async () => void events.push('lease stopped') };
    const queue = new InMemoryQueue();
    const { dispatcher } = dispatcherOn(queue, lease);
    dispatcher.start();
    await waitUntil(async () => queue.status.get('o-1')?.status === 'filled', {
      what: 'order o-1 filled',
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    await dispatcher.stop();
    expect(events).toEqual(['lease started', 'lease stopped']);
  });
  // Seen in the kill-switch scenario at load 10: its engage step's "no order open at the exchange" held 8-15 s after it
  // (target 5 s), orders claimed before the engage going out one by one after it, each resting until the next sweep.
  it.each([
    ['cancel', 'cancelled'],
    ['keep', 'accepted'],
  ] as const)(
    'sends no order it claimed once the kill switch is seen engaged: those left are %s',
    {
      timeout: 10_000,
    },
    async (unsent, status) => {
      const ids = Array.from({ length: 10 }, (_, i) => `o-${i + 1}`);
      const queue = new InMemoryQueue(ids);
      // Engaged as the fourth order of the claim comes up.
      let asked = 0;
      const killSwitch = { unsentOrders: () => (++asked > 3 ? unsent : 'send') };
      const { dispatcher, sent } = dispatcherOn(queue, alwaysHolds, { killSwitch });
      dispatcher.start();
      try {
        await waitUntil(async () => asked > 3 && [...queue.status.values()].every((o) => o.status !== 'sending'), {
          what: 'the claim settled',
          timeoutMs: 5_000,
          intervalMs: 5,
        });
      } finally {
        await dispatcher.stop();
      }
      expect(sent).toEqual(['o-1', 'o-2', 'o-3']);
      expect([...queue.status].filter(([, o]) => o.status !== 'filled').map(([id, o]) => [id, o.status])).toEqual(
        ids.slice(3).map((id) => [id, status]),
      );
    },
  );
});
