import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pretradeLimitsHeld } from '../../src/checks/pretrade-limits-held.ts';
import { rateGateHeld } from '../../src/checks/rate-gate-held.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import type { OrderFlow, OversizedOrders } from '../../src/workload/order-flow.ts';
import { startStubExchange } from '../support/stub-exchange.ts';

// The two controls a stress run (RTS 6 Art. 10) must see hold, read from the exchange's own counts (a stand-in here;
// the real exchange in test/scenarios/stress-doubled-flow.drill.test.ts) and the order flow.
let exchange: Awaited<ReturnType<typeof startStubExchange>>;
beforeAll(async () => {
  exchange = await startStubExchange();
});
afterAll(() => exchange[Symbol.asyncDispose]());

const flow = (askedPerSec: number, oversized: OversizedOrders = { sent: 0, acknowledged: [], refused: 0, failed: 0 }) =>
  ({ load: () => ({ askedPerSec }), oversized: () => oversized }) as unknown as OrderFlow;
const context = (orderFlow: OrderFlow) => ({ env: exchange.env, orderFlow }) as unknown as CheckContext;

describe('rateGateHeld', () => {
  const check = rateGateHeld({ ordersPerSec: 50 });

  it("holds while no second at the exchange saw more than the gate's rate, its burst (a tenth) and as much again for arrival jitter", async () => {
    exchange.stats = { peakOrdersPerSecond: 60 };
    expect(await check.run(context(flow(60)))).toEqual({
      ok: true,
      detail: "at most 60 orders in one second at the exchange; the flow asked 60/s, over the gate's rate",
    });
    expect(check.name).toBe('the rate gate holds: no second sees more than 60 orders at the exchange (50/s, its burst and arrival jitter)');
  });

  it('fails when one second saw more, naming the peak and the gate', async () => {
    exchange.stats = { peakOrdersPerSecond: 61 };
    expect(await check.run(context(flow(60)))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(
        /^61 orders reached the exchange in one second, over the gate's 50\/s \(60 with its burst and arrival jitter\)/,
      ),
    });
  });

  it("says when the flow never asked more than the gate's rate: the gate was not tested", async () => {
    exchange.stats = { peakOrdersPerSecond: 40 };
    expect((await check.run(context(flow(40)))).detail).toMatch(/not tested above the gate's rate: the flow asked 40\/s$/);
  });
});

describe('pretradeLimitsHeld', () => {
  const check = pretradeLimitsHeld({ maxOrderQty: 100, maxOrderNotional: 50_000 });

  it('holds when every oversized order was refused and nothing over the limits reached the exchange', async () => {
    exchange.stats = { largestOrderQty: 1, largestOrderNotional: 109 };
    expect(await check.run(context(flow(60, { sent: 12, acknowledged: [], refused: 11, failed: 1 })))).toEqual({
      ok: true,
      detail:
        '12 oversized order(s) placed: 11 refused, 1 unanswered, none acknowledged; the largest order at the exchange: qty 1, notional 109',
    });
  });

  it('fails naming an acknowledged oversized order and what the exchange received above the limits', async () => {
    exchange.stats = { largestOrderQty: 5_000, largestOrderNotional: 545_000 };
    const result = await check.run(context(flow(60, { sent: 12, acknowledged: ['c-1', 'c-2'], refused: 10, failed: 0 })));
    expect(result).toEqual({
      ok: false,
      detail:
        '2 of 12 oversized order(s) acknowledged (first c-1); the exchange received an order of qty 5000, over 100; ' +
        'the exchange received an order of notional 545000, over 50000 (12 oversized order(s) placed: 10 refused, 0 unanswered)',
    });
  });

  it('fails when the exchange saw an order above the notional limit alone', async () => {
    exchange.stats = { largestOrderQty: 99, largestOrderNotional: 60_000 };
    expect((await check.run(context(flow(60, { sent: 3, acknowledged: [], refused: 3, failed: 0 })))).detail).toMatch(
      /^the exchange received an order of notional 60000, over 50000/,
    );
  });

  it('fails when no oversized order was placed: nothing was tested', async () => {
    exchange.stats = {};
    expect(await check.run(context(flow(60)))).toEqual({
      ok: false,
      detail: "no order above the limits was placed: the scenario's workload must declare `oversized`",
    });
  });
});
