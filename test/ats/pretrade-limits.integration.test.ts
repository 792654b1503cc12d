import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeStats } from '../../src/probes/exchange-stats.ts';
import { metricValue } from '../../src/probes/metric-sample.ts';
import { createSqlClient, type SqlClient } from '../../src/probes/sql-client.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { startGatewayBuild } from '../support/gateway-build-process.ts';

// The reference ATS's pre-trade limits (issue 17, RTS 6 Art. 15), on one local environment: the gateway asks the risk
// service (POST /pretrade/check) before it persists an order, refuses one over a limit with 422 (nothing persisted,
// nothing sent), and refuses every order with 503 while risk does not answer (fail closed). A second gateway run with
// GATEWAY_TEST_FAULTS=skip-pretrade-limits lets the oversized order through to the exchange: what the exchange's
// largestOrderQty must show, or a check reading it could never fail. Risk reads no database: the limits hold while
// Postgres is down. The tests run in order on the shared environment.
let env: Environment;
let sql: SqlClient;
let gatewayUrl: string;
const signal = new AbortController().signal;
let sequence = 0;
const order = (qty: number, price = 100) => ({
  clientOrderId: `pt-${Date.now()}-${sequence++}`,
  symbol: 'BTC-USD',
  side: 'buy',
  qty,
  price,
});

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}
const place = (body: unknown, url = gatewayUrl) => post(`${url}/orders`, body);
const persisted = async (clientOrderId: string) =>
  sql.query<{ status: string }>('SELECT status FROM orders WHERE client_order_id = $1', [clientOrderId]);
const statusOf = async (clientOrderId: string) => (await persisted(clientOrderId))[0]?.status;
const readyz = async () => {
  const response = await fetch(`${gatewayUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const rejected = (reason: string) => metricValue(gatewayUrl, 'orders_rejected_total', { reason });

/** Places a qty-1 order and waits for it to fill: the dispatcher, first in first out, has then sent everything placed before. */
async function filledMarker(url = gatewayUrl): Promise<void> {
  const marker = order(1);
  expect((await place(marker, url)).status).toBe(202);
  await expect.poll(() => statusOf(marker.clientOrderId), { timeout: 15_000 }).toBe('filled');
}

async function pm2(...args: string[]) {
  const pm2Bin = join(process.cwd(), 'node_modules', 'pm2', 'bin', 'pm2');
  await execa(process.execPath, [pm2Bin, ...args], { env: { PM2_HOME: env.variables().PM2_HOME! }, stdin: 'ignore' });
}

beforeAll(async () => {
  env = await localRuntime.provision(signal);
  sql = createSqlClient(env.variables());
  gatewayUrl = env.service('order-gateway').url!;
  await fetch(`${env.variables().EXCHANGE_URL}/admin/stats/reset`, { method: 'POST', signal: AbortSignal.timeout(5_000) });
}, 90_000);

afterAll(async () => {
  await sql?.[Symbol.asyncDispose]();
  await env?.[Symbol.asyncDispose]();
});

describe('pre-trade limits in the reference ATS', () => {
  it('acknowledges an order inside the limits, which reaches the exchange', { timeout: 30_000 }, async () => {
    await filledMarker();
    expect(await exchangeStats(env)).toMatchObject({ largestOrderQty: 1, largestOrderNotional: 100 });
  });

  it('refuses qty 5000 with 422 naming the limit: not persisted, never at the exchange', { timeout: 30_000 }, async () => {
    const big = order(5000);
    expect(await place(big)).toEqual({
      status: 422,
      body: { error: 'pre-trade limit max-order-qty: qty 5000 > 100 (RISK_MAX_ORDER_QTY)', limit: 'max-order-qty' },
    });
    await filledMarker();
    expect(await persisted(big.clientOrderId)).toEqual([]);
    expect(await exchangeStats(env)).toMatchObject({ largestOrderQty: 1, largestOrderNotional: 100 });
    expect(await rejected('pretrade_limit')).toBe(1);
  });

  it('refuses a notional over the limit likewise (qty 100 at 600: 60000 > 50000)', { timeout: 30_000 }, async () => {
    const wide = order(100, 600);
    expect(await place(wide)).toEqual({
      status: 422,
      body: {
        error: 'pre-trade limit max-order-notional: notional 60000 (qty 100 × price 600) > 50000 (RISK_MAX_ORDER_NOTIONAL)',
        limit: 'max-order-notional',
      },
    });
    await filledMarker();
    expect(await persisted(wide.clientOrderId)).toEqual([]);
    expect(await exchangeStats(env)).toMatchObject({ largestOrderQty: 1, largestOrderNotional: 100 });
    expect(await rejected('pretrade_limit')).toBe(2);
    expect(await metricValue(env.service('risk').url!, 'risk_pretrade_checks_total', { outcome: 'refused' })).toBe(2);
  });

  it('refuses every order with 503 naming risk while risk hangs and while it is stopped, and is not ready then; acknowledges again once it runs', {
    timeout: 60_000,
  }, async () => {
    const risk = env.service('risk');
    const frozen = await risk.pause();
    const hung = order(1);
    try {
      expect(await place(hung)).toEqual({
        status: 503,
        body: { error: `risk unavailable: POST ${risk.url}/pretrade/check: no answer within 500 ms`, dependency: 'risk' },
      });
    } finally {
      await risk.resume(frozen);
    }
    await pm2('stop', 'risk');
    const refused = order(1);
    try {
      expect(await place(refused)).toMatchObject({
        status: 503,
        body: {
          error: expect.stringMatching(/^risk unavailable: POST \S+\/pretrade\/check: connect ECONNREFUSED /),
          dependency: 'risk',
        },
      });
      // Risk is asked at most once a second, the readiness loop runs every 500 ms: not ready within 1.5 s and a look.
      await expect.poll(readyz, { timeout: 3_000, interval: 100 }).toMatchObject({
        status: 503,
        body: { ready: false, checks: { risk: { ok: false, reason: expect.stringMatching(/^GET \S+\/healthz: connect ECONNREFUSED /) } } },
      });
    } finally {
      await risk.ensureRunning();
    }
    await expect.poll(readyz, { timeout: 3_000, interval: 100 }).toMatchObject({ status: 200, body: { checks: { risk: { ok: true } } } });
    expect(await persisted(hung.clientOrderId)).toEqual([]);
    expect(await persisted(refused.clientOrderId)).toEqual([]);
    expect(await rejected('risk_unavailable')).toBe(2);
    await filledMarker();
  });

  it('checks the limits while Postgres is down: 422 before the insert is tried, 503 naming postgres for an order inside them', {
    timeout: 60_000,
  }, async () => {
    const postgres = env.service('postgres');
    await postgres.kill('SIGINT');
    try {
      await expect.poll(() => postgres.pid(), { timeout: 15_000 }).toBeUndefined();
      expect(await post(`${env.service('risk').url}/pretrade/check`, order(5000))).toMatchObject({
        status: 200,
        body: { ok: false, limit: 'max-order-qty' },
      });
      expect(await place(order(5000))).toMatchObject({ status: 422, body: { limit: 'max-order-qty' } });
      expect(await place(order(1))).toMatchObject({ status: 503, body: { dependency: 'postgres' } });
    } finally {
      await postgres.ensureRunning();
    }
    await filledMarker();
  });

  it('lets the oversized order through to the exchange from a gateway run with skip-pretrade-limits (the check broken on purpose)', {
    timeout: 60_000,
  }, async () => {
    await using unchecked = await startGatewayBuild(env, 'current', { GATEWAY_TEST_FAULTS: 'skip-pretrade-limits' });
    const big = order(5000);
    expect((await place(big, unchecked.url)).status).toBe(202);
    await expect.poll(() => statusOf(big.clientOrderId), { timeout: 15_000 }).toBe('filled');
    expect(await exchangeStats(env)).toMatchObject({ largestOrderQty: 5000, largestOrderNotional: 500_000 });
  });
});
