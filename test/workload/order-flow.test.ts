import { describe, expect, it, vi } from 'vitest';
import { startOrderFlow } from '../../src/workload/order-flow.ts';
import type { OrderAnswer } from '../../src/workload/workload-adapter.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { type Decide, InMemoryWorkload } from '../support/in-memory-workload.ts';

// The order flow places every order through the workload adapter and records
// what came of it; an in-memory system decides the answers.
async function flowUntil(workload: InMemoryWorkload, placed: number, options: { requestTimeoutMs?: number } = {}) {
  const clock = fakeClock(0);
  const flow = startOrderFlow({ workload, ordersPerSec: 200, clock, ...options });
  await vi.waitFor(() => expect(workload.placed.length).toBeGreaterThanOrEqual(placed), { timeout: 5_000, interval: 5 });
  await flow.stop();
  return { flow, clock };
}

/** The nth order: acknowledged, refused with 503, no answer (throws), in turn. */
const inTurn: Decide = async (_order, n) => {
  if (n % 3 === 0) return { outcome: 'acknowledged', orderId: `o-${n}`, status: 202 };
  if (n % 3 === 1) return { outcome: 'refused', status: 503, reason: 'redis unavailable' };
  throw new Error('connect ECONNREFUSED 127.0.0.1:1');
};

describe('startOrderFlow', () => {
  it('places each order through the adapter and records it acknowledged, refused (with its status) or failed (no answer)', async () => {
    const workload = new InMemoryWorkload(inTurn);
    const { flow } = await flowUntil(workload, 7);
    const ids = workload.placed.map((order) => order.clientOrderId);
    const nth = (rest: number) => ids.filter((_, n) => n % 3 === rest);
    expect(flow.acknowledgedClientOrderIds()).toEqual(nth(0));
    expect(flow.refusedClientOrderIds()).toEqual(nth(1));
    expect(flow.stats()).toEqual({ sent: ids.length, acknowledged: nth(0).length, refused: nth(1).length, failed: nth(2).length });
    expect(flow.requestsWithin(60_000).map(({ outcome, status, reason }) => [outcome, status, reason])).toEqual(
      ids.map(
        (_, n) =>
          [
            ['acknowledged', 202, undefined],
            ['refused', 503, 'redis unavailable'],
            ['failed', undefined, 'connect ECONNREFUSED 127.0.0.1:1'],
          ][n % 3],
      ),
    );
    expect(flow.workload).toBe(workload);
  });

  it('sends orders that differ by client id and cycle through the symbols and sides', async () => {
    const workload = new InMemoryWorkload();
    await flowUntil(workload, 4);
    const [first, second, third, fourth] = workload.placed;
    expect([first, second, third, fourth].map((o) => [o!.symbol, o!.side, o!.qty, o!.price])).toEqual([
      ['BTC-USD', 'sell', 1, 101],
      ['ETH-USD', 'buy', 1, 102],
      ['SOL-USD', 'sell', 1, 103],
      ['BTC-USD', 'buy', 1, 104],
    ]);
    expect(new Set(workload.placed.map((o) => o.clientOrderId)).size).toBe(workload.placed.length);
    expect(first!.clientOrderId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("times each request on the flow's clock, from placing it to its answer", async () => {
    let clock: ReturnType<typeof fakeClock> | undefined;
    const workload = new InMemoryWorkload(async (order) => {
      clock!.advance(40);
      return { outcome: 'acknowledged', orderId: order.clientOrderId };
    });
    clock = fakeClock(0);
    // 5 a second: one order per timer tick (two due in the same tick would both be placed before either is answered)
    const flow = startOrderFlow({ workload, ordersPerSec: 5, clock });
    await vi.waitFor(() => expect(workload.placed.length).toBeGreaterThanOrEqual(2), { timeout: 5_000, interval: 5 });
    await flow.stop();
    expect(flow.requestsWithin(10_000).map((r) => r.latencyMs)).toEqual(workload.placed.map(() => 40));
    expect(flow.acknowledgedWithin(39)).toBe(1);
    expect(flow.acknowledgedWithin(10_000)).toBe(workload.placed.length);
  });

  it('counts an adapter that never answers (ignoring its signal) as failed at the request timeout, and stop() does not wait on it', async () => {
    const signals: AbortSignal[] = [];
    const workload = new InMemoryWorkload((_order, _n, signal) => {
      signals.push(signal);
      return new Promise<OrderAnswer>(() => {});
    });
    const startedAt = performance.now();
    const { flow } = await flowUntil(workload, 1, { requestTimeoutMs: 100 });
    expect(performance.now() - startedAt, 'stop() waited for the timeout, not for an answer').toBeLessThan(2_000);
    expect(flow.stats()).toEqual({ sent: workload.placed.length, acknowledged: 0, refused: 0, failed: workload.placed.length });
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('counts an answer that is neither acknowledged with an id nor refused as failed', async () => {
    const answers = [{ outcome: 'acknowledged' }, { outcome: 'taken', orderId: 'o-1' }, undefined];
    const workload = new InMemoryWorkload(async (_order, n) => answers[n % answers.length] as unknown as OrderAnswer);
    const { flow } = await flowUntil(workload, 3);
    expect(flow.stats()).toMatchObject({ acknowledged: 0, refused: 0, failed: workload.placed.length });
    expect(flow.acknowledgedClientOrderIds()).toEqual([]);
  });

  it('holds back the orders that fall due while maxInFlight requests await answers, and says so in its load', async () => {
    const workload = new InMemoryWorkload(() => new Promise<OrderAnswer>(() => {}));
    const flow = startOrderFlow({ workload, ordersPerSec: 200, maxInFlight: 3, requestTimeoutMs: 60_000 });
    await vi.waitFor(() => expect(flow.load().heldBack).toBeGreaterThanOrEqual(5), { timeout: 5_000, interval: 5 });
    void flow.stop(); // its requests never end: stop() would wait for their minute
    const load = flow.load();
    expect(load).toMatchObject({ askedPerSec: 200, sent: 3, maxInFlight: 3 });
    expect(load.heldBackLate).toBeLessThan(load.heldBack); // most waited on the three unanswered requests
    expect(load.due).toBe(load.sent + load.heldBack);
    expect(load.achievedPerSec).toBeLessThan(load.askedPerSec);
  });

  it('sends every due order to a system that answers, none held back', async () => {
    const workload = new InMemoryWorkload();
    const { flow } = await flowUntil(workload, 10);
    const load = flow.load();
    expect(load.sent).toBe(workload.placed.length);
    expect(load.due).toBe(load.sent + load.heldBack);
    expect(load.achievedPerSec).toBeGreaterThan(0);
  });

  it('asks for the oversized quantity every n-th order and records what the system made of each', async () => {
    const limit: Decide = async (order, n) =>
      order.qty > 100 && n % 2 === 1 ? { outcome: 'refused', status: 422 } : { outcome: 'acknowledged', orderId: `o-${n}` };
    const workload = new InMemoryWorkload(limit);
    const clock = fakeClock(0);
    const flow = startOrderFlow({ workload, ordersPerSec: 200, clock, oversized: { every: 3, qty: 5_000 } });
    await vi.waitFor(() => expect(workload.placed.length).toBeGreaterThanOrEqual(12), { timeout: 5_000, interval: 5 });
    await flow.stop();
    const fatFingers = workload.placed.flatMap((order, n) => (order.qty === 5_000 ? [n] : []));
    expect(fatFingers.slice(0, 4)).toEqual([2, 5, 8, 11]);
    const oversized = flow.oversized();
    expect(oversized.sent).toBe(fatFingers.length);
    expect(oversized.refused).toBe(fatFingers.filter((n) => n % 2 === 1).length);
    expect(oversized.acknowledged).toEqual(fatFingers.filter((n) => n % 2 === 0).map((n) => workload.placed[n]!.clientOrderId));
  });
});
