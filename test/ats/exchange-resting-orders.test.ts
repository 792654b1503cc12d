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

// The mock exchange keeps resting orders (issue 17, the kill switch): with a market price set for a symbol, a limit
// order that does not reach it rests on the book until cancelled or crossed; without one, every order fills at once
// as before. In-process (app.inject): the routes and the book, no server.
async function exchange() {
  const stats = new ExchangeStats(new Registry());
  const policy = new TrafficPolicy({ ratePerSec: 1000, banAfterStrikes: 3, banMs: 4_000, maxBanMs: 20_000 }, stats, Date.now);
  const app = createHttpApp(pino({ level: 'silent' }));
  installProblemHandler(app);
  const book = new OrderBook();
  const banLog = new BanRequestLog();
  const traffic = new OrderTraffic(Date.now);
  registerApiRoutes(app, { policy, book, stats, banLog, traffic });
  registerAdminRoutes(app, { policy, stats, banLog, book, traffic });
  const as = (client: string) => ({ 'x-client-id': client });
  const order = (client: string, clientOrderId: string, side: 'buy' | 'sell', price: number) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/order',
      headers: as(client),
      payload: { clientOrderId, symbol: 'AAPL', side, qty: 1, price },
    });
  const open = async () => (await app.inject({ method: 'GET', url: '/admin/orders/open' })).json();
  const market = (price: number | null) => app.inject({ method: 'POST', url: '/admin/market', payload: { symbol: 'AAPL', price } });
  return { app, stats, as, order, open, market };
}

describe('mock exchange: resting orders', () => {
  it('fills every order at once while its symbol has no market price (the behaviour of every other scenario)', async () => {
    const { app, order, open } = await exchange();
    expect((await order('gw', 'a-1', 'buy', 1)).json()).toMatchObject({ status: 'FILLED', fillQty: 1, fillPrice: 1 });
    expect(await open()).toMatchObject({ count: 0 });
    await app.close();
  });

  it('rests a limit order away from the market, counts it open by client, and fills it when the market moves through it', async () => {
    const { app, stats, order, open, market } = await exchange();
    await market(100);
    expect((await order('gw', 'b-1', 'buy', 90)).json()).toMatchObject({ status: 'NEW', fillQty: 0, fillPrice: null, duplicate: false });
    expect((await order('gw', 'b-2', 'sell', 110)).json()).toMatchObject({ status: 'NEW' });
    expect((await order('gw', 'b-3', 'buy', 101)).json()).toMatchObject({ status: 'FILLED', fillPrice: 101 });
    expect((await order('other', 'b-4', 'buy', 95)).json()).toMatchObject({ status: 'NEW' });
    expect(await open()).toMatchObject({ count: 3, byClient: { gw: 2, other: 1 } });
    expect(stats.snapshot()).toMatchObject({ received: 4, filled: 1, rested: 3 });
    expect((await market(89)).json()).toMatchObject({ filled: 2 });
    expect(await open()).toMatchObject({ count: 1, byClient: { gw: 1 } });
    await app.close();
  });

  it('cancels one order by id and all of a client at once, only that client’s, and answers a resent cancelled order as cancelled', async () => {
    const { app, stats, as, order, open, market } = await exchange();
    await market(100);
    for (const id of ['c-1', 'c-2', 'c-3']) await order('gw', id, 'buy', 50);
    await order('other', 'c-4', 'buy', 50);
    const one = await app.inject({ method: 'DELETE', url: '/api/v1/order/c-1', headers: as('gw') });
    expect(one.json()).toMatchObject({ clientOrderId: 'c-1', status: 'CANCELED' });
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/order/c-4', headers: as('gw') })).statusCode).toBe(404);
    const all = await app.inject({ method: 'DELETE', url: '/api/v1/openOrders', headers: as('gw') });
    expect(all.json()).toEqual({ cancelled: ['c-2', 'c-3'], count: 2 });
    expect(await open()).toMatchObject({ count: 1, byClient: { other: 1 } });
    expect(stats.snapshot()).toMatchObject({ cancelled: 3 });
    expect((await order('gw', 'c-2', 'buy', 50)).json()).toMatchObject({ status: 'CANCELED', duplicate: true });
    expect((await app.inject({ method: 'GET', url: '/api/v1/openOrders', headers: as('other') })).json().orders).toHaveLength(1);
    await app.close();
  });
});
