import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerAdminRoutes } from '../../fixtures/ats/exchange/admin-routes.ts';
import { registerApiRoutes } from '../../fixtures/ats/exchange/api-routes.ts';
import { BanRequestLog } from '../../fixtures/ats/exchange/ban-request-log.ts';
import { ExchangeStats } from '../../fixtures/ats/exchange/exchange-stats.ts';
import { OrderBook } from '../../fixtures/ats/exchange/order-book.ts';
import { OrderTraffic } from '../../fixtures/ats/exchange/order-traffic.ts';
import { TrafficPolicy } from '../../fixtures/ats/exchange/traffic-policy.ts';
import { createHttpApp } from '../../fixtures/ats/shared/http-app.ts';
import { installProblemHandler } from '../../fixtures/ats/shared/http-problem.ts';
import { parseExchangeStats } from '../../src/probes/exchange-stats.ts';

// What the exchange records of the order requests it receives (issue 17, stress with faults): the largest order and
// the peak per-client rate, read by the checks that the pre-trade limits and the rate gate held. A settable clock.
describe('OrderTraffic', () => {
  it('keeps the largest qty and notional, and the most requests of one client in one wall-clock second', () => {
    let now = 10_000;
    const traffic = new OrderTraffic(() => now);
    traffic.record('gw', { qty: 1, price: 100 });
    traffic.record('other', { qty: 3, price: 10 });
    now = 10_999;
    traffic.record('gw', { qty: 2, price: 50 });
    traffic.record('gw', undefined);
    expect(traffic.snapshot()).toEqual({ largestOrderQty: 3, largestOrderNotional: 100, peakOrdersPerSecond: 3 });
    now = 11_000; // a new second: the count starts again, the peak stays
    traffic.record('gw', { qty: 1, price: 1 });
    traffic.record('gw', { qty: 1, price: 1 });
    expect(traffic.snapshot().peakOrdersPerSecond).toBe(3);
  });

  it('counts each client on its own, and starts from nothing after a reset', () => {
    let now = 0;
    const traffic = new OrderTraffic(() => now);
    for (const client of ['a', 'b', 'a', 'b']) traffic.record(client, { qty: 5000, price: 1 });
    expect(traffic.snapshot()).toEqual({ largestOrderQty: 5000, largestOrderNotional: 5000, peakOrdersPerSecond: 2 });
    traffic.reset();
    expect(traffic.snapshot()).toEqual({ largestOrderQty: 0, largestOrderNotional: 0, peakOrdersPerSecond: 0 });
    now = 500;
    traffic.record('a', { qty: 1, price: 1 });
    expect(traffic.snapshot().peakOrdersPerSecond).toBe(1);
  });
});

describe('mock exchange: /admin/stats order traffic', () => {
  it('records every order request received, a throttled one too, and /admin/stats/reset clears it', async () => {
    const stats = new ExchangeStats(new Registry());
    const policy = new TrafficPolicy({ ratePerSec: 2, banAfterStrikes: 3, banMs: 4_000, maxBanMs: 20_000 }, stats, () => 5_000);
    const app = createHttpApp(pino({ level: 'silent' }));
    installProblemHandler(app);
    const [book, banLog, traffic] = [new OrderBook(), new BanRequestLog(), new OrderTraffic(() => 5_000)];
    registerApiRoutes(app, { policy, book, stats, banLog, traffic });
    registerAdminRoutes(app, { policy, stats, banLog, book, traffic });
    const order = (id: string, qty: number, price: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/order',
        headers: { 'x-client-id': 'gw' },
        payload: { clientOrderId: id, symbol: 'AAPL', side: 'buy', qty, price },
      });
    expect((await order('o-1', 1, 100)).statusCode).toBe(200);
    expect((await order('o-2', 2, 100)).statusCode).toBe(200);
    expect((await order('o-3', 5000, 100)).statusCode).toBe(429);
    const read = async () => parseExchangeStats((await app.inject({ method: 'GET', url: '/admin/stats' })).json());
    expect(await read()).toMatchObject({ received: 3, largestOrderQty: 5000, largestOrderNotional: 500_000, peakOrdersPerSecond: 3 });
    const reset = await app.inject({ method: 'POST', url: '/admin/stats/reset' });
    expect(reset.json()).toMatchObject({ received: 0, largestOrderQty: 0, largestOrderNotional: 0, peakOrdersPerSecond: 0 });
    expect(await read()).toMatchObject({ largestOrderQty: 0, peakOrdersPerSecond: 0 });
    await app.close();
  });

  it('parseExchangeStats refuses a body without the order-traffic figures, naming them', () => {
    expect(() => parseExchangeStats({ received: 1, largestOrderQty: 1 })).toThrow(
      'exchange /admin/stats has no numeric largestOrderNotional, peakOrdersPerSecond: the exchange predates them',
    );
  });
});
