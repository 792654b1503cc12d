import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerApiRoutes } from '../../fixtures/ats/exchange/api-routes.ts';
import { BanRequestLog } from '../../fixtures/ats/exchange/ban-request-log.ts';
import { ExchangeStats } from '../../fixtures/ats/exchange/exchange-stats.ts';
import { OrderBook } from '../../fixtures/ats/exchange/order-book.ts';
import { OrderTraffic } from '../../fixtures/ats/exchange/order-traffic.ts';
import { TrafficPolicy } from '../../fixtures/ats/exchange/traffic-policy.ts';
import type { ExchangeReply } from '../../fixtures/ats/order-gateway/exchange-client.ts';
import { type ReconcileDependencies, reconcileInFlight } from '../../fixtures/ats/order-gateway/reconcile-in-flight.ts';
import { createHttpApp } from '../../fixtures/ats/shared/http-app.ts';
import { installProblemHandler } from '../../fixtures/ats/shared/http-problem.ts';

// Found by gateway-hung: a gateway frozen while an order's fill was on its way
// back, then reloaded, sent that order again (the exchange saw a duplicate).
// The gateway now looks up each order a stopped dispatcher left in "sending"
// before resending it, and resends none it could not look up. Found by bad-deploy-rollback on docker: it took the
// orders of a live peer too; it now takes over only those no live
// registration holds (DispatchQueue.takeOver). Its logic on stand-ins (pure;
// the real gateways and exchange: test/ats/two-gateways.integration.test.ts,
// test/scenarios/gateway-hung-fills-in-flight.scenario.integration.test.ts).
const fill = (id: string): ExchangeReply => ({ kind: 'filled', duplicate: false, exchangeOrderId: `MX-${id}`, fillQty: 1, fillPrice: 100 });

function standIns(
  inFlight: string[],
  lookups: Record<string, ExchangeReply>,
  blockedForMs: () => Promise<number> = async () => 0,
  takenByAnother: readonly string[] = [],
) {
  const calls: string[] = [];
  const deps: ReconcileDependencies = {
    queue: {
      takeOver: async (claimant, staleAfterMs) => {
        calls.push(`take over as ${claimant} (stale after ${staleAfterMs} ms)`);
        return inFlight;
      },
      recordFill: async (id, f, claimant) => {
        calls.push(`fill ${id} ${f.exchangeOrderId} as ${claimant}`);
        return !takenByAnother.includes(id);
      },
      requeue: async (ids, claimant) => {
        calls.push(`requeue ${ids.join(',')} as ${claimant}`);
        return ids.filter((id) => !takenByAnother.includes(id)).length;
      },
      markAtExchange: async (id, status, claimant) => {
        calls.push(`${status} ${id} as ${claimant}`);
        return !takenByAnother.includes(id);
      },
    },
    gate: { blockedForMs },
    exchange: {
      throttleMark: () => 0,
      lookupOrder: async (id) => {
        calls.push(`lookup ${id}`);
        return lookups[id] ?? { kind: 'rejected', status: 404, reason: 'GET answered 404' };
      },
    },
    metrics: { ordersFilled: { inc: () => void calls.push('filled+1') } } as unknown as ReconcileDependencies['metrics'],
  };
  return { deps, calls };
}

describe('order-gateway: orders a stopped dispatcher left in "sending"', () => {
  it('takes them over under its own registration, records the fill of one the exchange filled, sends again one it never received, and leaves one it could not look up in "sending"', async () => {
    const { deps, calls } = standIns(['o-1', 'o-2', 'o-3'], {
      'o-1': fill('1'),
      'o-3': { kind: 'unavailable', reason: 'GET /api/v1/order/o-3: fetch failed' },
    });
    expect(await reconcileInFlight(deps, 'r-me', 8_000)).toEqual({ filled: 1, unsent: 1, unchecked: 1, handedOn: 0 });
    expect(calls).toEqual([
      'take over as r-me (stale after 8000 ms)',
      'lookup o-1',
      'fill o-1 MX-1 as r-me',
      'filled+1',
      'lookup o-2',
      'requeue o-2 as r-me',
      'lookup o-3',
    ]);
  });

  it('counts neither a fill nor a requeue that found the order taken over by another gateway meanwhile: that one settles it', async () => {
    const { deps, calls } = standIns(['o-1', 'o-2'], { 'o-1': fill('1') }, async () => 0, ['o-1', 'o-2']);
    expect(await reconcileInFlight(deps, 'r-me', 8_000)).toEqual({ filled: 0, unsent: 0, unchecked: 0, handedOn: 2 });
    expect(calls).not.toContain('filled+1');
  });

  it('asks nothing of an exchange the rate gate says is blocking us, nor when the gate cannot be read: none is sent again, all stay in "sending" for a later look', async () => {
    for (const blockedForMs of [async () => 4_000, async () => Promise.reject(new Error('redis down'))]) {
      const { deps, calls } = standIns(['o-1', 'o-2'], { 'o-1': fill('1') }, blockedForMs);
      expect(await reconcileInFlight(deps, 'r-me', 8_000)).toEqual({ filled: 0, unsent: 0, unchecked: 2, handedOn: 0 });
      expect(calls).toEqual(['take over as r-me (stale after 8000 ms)']);
    }
  });

  it('reads neither the gate nor the exchange when there is nothing to take over', async () => {
    const { deps, calls } = standIns([], {}, async () => {
      throw new Error('the gate must not be read');
    });
    expect(await reconcileInFlight(deps, 'r-me', 8_000)).toEqual({ filled: 0, unsent: 0, unchecked: 0, handedOn: 0 });
    expect(calls).toEqual(['take over as r-me (stale after 8000 ms)']);
  });
});

describe('mock exchange: an order looked up by its client id', () => {
  async function exchange() {
    const stats = new ExchangeStats(new Registry());
    const policy = new TrafficPolicy({ ratePerSec: 100, banAfterStrikes: 3, banMs: 4_000, maxBanMs: 20_000 }, stats, Date.now);
    const app = createHttpApp(pino({ level: 'silent' }));
    installProblemHandler(app);
    registerApiRoutes(app, { policy, book: new OrderBook(), stats, banLog: new BanRequestLog(), traffic: new OrderTraffic(Date.now) });
    return { app, stats };
  }
  const headers = { 'x-client-id': 'ats-gateway' };

  it('answers the fill of an order it received, 404 for one it did not, and counts neither as an order', async () => {
    const { app, stats } = await exchange();
    const order = { clientOrderId: 'c-1', symbol: 'BTC-USD', side: 'buy', qty: 2, price: 101 };
    const sent = (await app.inject({ method: 'POST', url: '/api/v1/order', headers, payload: order })).json();
    const found = await app.inject({ method: 'GET', url: '/api/v1/order/c-1', headers });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({
      exchangeOrderId: sent.exchangeOrderId,
      clientOrderId: 'c-1',
      status: 'FILLED',
      fillQty: 2,
      fillPrice: 101,
    });
    const missing = await app.inject({ method: 'GET', url: '/api/v1/order/c-2', headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'no order with clientOrderId "c-2"' });
    expect(stats.snapshot()).toMatchObject({ received: 1, filled: 1, duplicates: 0 });
    await app.close();
  });
});
