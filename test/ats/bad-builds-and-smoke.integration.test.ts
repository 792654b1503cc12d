import { join } from 'node:path';
import { execa } from 'execa';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { postRollbackSmoke } from '../../src/probe-suites/post-rollback-smoke.ts';
import { runProbeSuite } from '../../src/probe-suites/probe-suite.ts';
import { metricValue } from '../../src/probes/metric-sample.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { scrapedRecently } from '../../src/probes/scraped-recently.ts';
import { createSqlClient, type SqlClient } from '../../src/probes/sql-client.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { type OrderFlow, startOrderFlow } from '../../src/workload/order-flow.ts';
import { gatewayApp, startGatewayBuild } from '../support/gateway-build-process.ts';
import type { ServiceProcess } from '../support/service-process.ts';

// One local environment for the reference gateway's bad builds (each run as a
// second gateway on the environment's Postgres, Redis and exchange), its
// cancel endpoint, and the post-rollback smoke suite passing on it, then
// failing, naming the part, with the log shipper frozen and with the gateway
// stopped. (The runbook's rollback.verify runs on a healthy system in
// test/runbook/runbook-steps.integration.test.ts.)
let env: Environment;
let sql: SqlClient;
let flow: OrderFlow;
let redis: Redis;
let gatewayUrl: string;
const signal = new AbortController().signal;
let sequence = 0;
const newOrder = () => ({ clientOrderId: `it-${Date.now()}-${sequence++}`, symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 });

async function post(url: string, body?: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}
const get = async (url: string) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
};
const ordersWith = async (clientOrderId: string) =>
  sql.query<{ status: string; fills: string }>(
    'SELECT o.status, (SELECT count(*) FROM fills f WHERE f.order_id = o.id) AS fills FROM orders o WHERE o.client_order_id = $1',
    [clientOrderId],
  );
const smoke = (withinMs = 10_000) =>
  runProbeSuite(postRollbackSmoke({ withinMs }), { env, orderFlow: flow, sql, signal } satisfies ProbeContext);

async function pm2(...args: string[]) {
  const { PM2_HOME } = env.variables();
  const pm2Bin = join(process.cwd(), 'node_modules', 'pm2', 'bin', 'pm2');
  await execa(process.execPath, [pm2Bin, ...args], { env: { PM2_HOME: PM2_HOME! }, stdin: 'ignore' });
}

beforeAll(async () => {
  env = await localRuntime.provision(signal);
  sql = createSqlClient(env.variables());
  // The suite places its own orders through the flow's adapter; the flow itself sends one a second.
  flow = startOrderFlow({ workload: createWorkload({ variables: env.variables(), sql }), ordersPerSec: 1 });
  redis = new Redis({ host: '127.0.0.1', port: Number(env.variables().REDIS_PORT), lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  gatewayUrl = env.service('order-gateway').url!;
  // A Prometheus just started may not have scraped the gateway yet: the suite rightly fails on that, so wait for the first scrape.
  const scraped = scrapedRecently('order-gateway');
  await waitUntil(async () => (await scraped.observe({ env, orderFlow: flow, sql, signal })).ok, {
    what: 'Prometheus scraping order-gateway',
    timeoutMs: 15_000,
    intervalMs: 250,
  });
}, 90_000);

afterAll(async () => {
  await flow?.stop();
  redis?.disconnect();
  await sql?.[Symbol.asyncDispose]();
  await env?.[Symbol.asyncDispose]();
});

describe('the post-rollback smoke suite on a healthy environment', () => {
  it('passes, reporting each part by name with what it saw', { timeout: 45_000 }, async () => {
    const report = await smoke();
    expect(report.parts.map((part) => [part.name, part.ok, part.detail])).toEqual([
      ['order filled', true, expect.stringMatching(/^order smoke-\S+ acknowledged as \S+, filled within \d+ ms$/)],
      ['order cancelled', true, expect.stringMatching(/cancelled$|was already (sending|filled): cancel refused, correctly$/)],
      ['metrics scraped', true, expect.stringMatching(/^up\{job="order-gateway"\} is 1, scraped \d+ ms ago$/)],
      [
        'logs arrive',
        true,
        expect.stringMatching(/^the newest line of order-gateway\.log(, order-gateway\.err\.log)? stored by the log sink/),
      ],
    ]);
    expect(report.ok).toBe(true);
  });
});

describe('POST /orders/:id/cancel', () => {
  it('cancels an order still accepted, which the dispatcher then never sends; 409 with its status once it left accepted; 404 unknown', async () => {
    // The exchange told us to back off: the dispatcher claims nothing while the gate is blocked. The block is
    // lifted below, once the order is cancelled; its 15 s expiry is only a safety, never what the test waits on.
    await redis.set('rategate:mock:blocked_until', '1', 'PX', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const order = newOrder();
    const placed = await post(`${gatewayUrl}/orders`, order);
    expect(placed.status).toBe(202);
    const cancelled = await post(`${gatewayUrl}/orders/${placed.body.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { id: placed.body.id, status: 'cancelled' } });
    expect(await post(`${gatewayUrl}/orders/${placed.body.id}/cancel`)).toMatchObject({ status: 409, body: { status: 'cancelled' } });

    await redis.del('rategate:mock:blocked_until');
    const filled = await post(`${gatewayUrl}/orders`, newOrder());
    await expect.poll(async () => (await get(`${gatewayUrl}/orders/${filled.body.id}`)).body.status, { timeout: 10_000 }).toBe('filled');
    // Dispatched after the cancelled one was placed, so the dispatcher has passed it by: it stays cancelled, never sent.
    expect(await ordersWith(order.clientOrderId)).toEqual([{ status: 'cancelled', fills: '0' }]);
    expect((await get(`${env.variables().EXCHANGE_URL}/api/v1/order/${placed.body.id}`)).status).toBe(404);
    expect(await post(`${gatewayUrl}/orders/${filled.body.id}/cancel`)).toMatchObject({
      status: 409,
      body: { status: 'filled', error: `order ${filled.body.id} is filled; only accepted orders can be cancelled` },
    });
    expect((await post(`${gatewayUrl}/orders/00000000-0000-4000-8000-000000000000/cancel`)).status).toBe(404);
    expect((await post(`${gatewayUrl}/orders/not-an-id/cancel`)).status).toBe(400);
  });
});

describe('bad builds of the gateway', () => {
  // Started side by side (each a Node process of its own); slow-start starts in its own test, which times it.
  let gateways: Record<'rejects-orders' | 'leaks-connections' | 'healthy-but-failing', ServiceProcess>;
  beforeAll(async () => {
    const [rejects, leaks, failing] = await Promise.all([
      startGatewayBuild(env, 'rejects-orders'),
      startGatewayBuild(env, 'leaks-connections', { PG_POOL_MAX: '3' }),
      startGatewayBuild(env, 'healthy-but-failing'),
    ]);
    gateways = { 'rejects-orders': rejects, 'leaks-connections': leaks, 'healthy-but-failing': failing };
  });
  afterAll(async () => {
    await Promise.all(Object.values(gateways ?? {}).map((gateway) => gateway[Symbol.asyncDispose]()));
  });

  it('an unknown build stops the gateway at startup (exit 78), naming it and the known ones', async () => {
    const app = await gatewayApp(env);
    const result = await execa(app.interpreter, [app.script, ...app.args], {
      cwd: app.cwd,
      env: { ...app.env, GATEWAY_BUILD: 'rejects-order', GATEWAY_PORT: '1' },
      extendEnv: false,
      reject: false,
      timeout: 15_000,
    });
    expect(result.exitCode).toBe(78);
    expect(result.stdout).toContain(
      'GATEWAY_BUILD names an unknown build; known: current, rejects-orders, leaks-connections, healthy-but-failing, slow-start, got \\"rejects-order\\"',
    );
  });

  it('rejects-orders: every order refused with 400 naming the field, health and readiness 200, the build logged and exported', async () => {
    const gateway = gateways['rejects-orders'];
    const order = newOrder();
    expect(await post(`${gateway.url}/orders`, order)).toMatchObject({
      status: 400,
      body: { error: 'invalid timeInForce: Invalid option: expected one of "GTC"|"IOC"|"FOK"', field: 'timeInForce' },
    });
    expect((await get(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await get(`${gateway.url}/readyz`)).status).toBe(200);
    expect(await metricValue(gateway.url, 'gateway_build_info', { build: 'rejects-orders' })).toBe(1);
    expect(gateway.output()).toContain('BAD BUILD \\"rejects-orders\\" RUNNING: every POST /orders is refused');
    expect(await ordersWith(order.clientOrderId)).toEqual([]);
  });

  it('leaks-connections: each order holds a pool client; once the pool is dry orders and readiness fail', { timeout: 45_000 }, async () => {
    const gateway = gateways['leaks-connections'];
    await expect.poll(async () => (await get(`${gateway.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post(`${gateway.url}/orders`, newOrder())).status).toBe(202);
    // Three clients checked out and never returned: none idle, however long we wait.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await metricValue(gateway.url, 'pg_pool_total')).toBe(3);
    expect(await metricValue(gateway.url, 'pg_pool_idle')).toBe(0);
    const started = performance.now();
    const fourth = await post(`${gateway.url}/orders`, newOrder());
    expect(fourth).toMatchObject({
      status: 503,
      body: { dependency: 'postgres', error: expect.stringMatching(/timeout exceeded when trying to connect/) },
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
    const readiness = await get(`${gateway.url}/readyz`);
    expect(readiness).toMatchObject({ status: 503, body: { ready: false, checks: { postgres: { ok: false } } } });
  });

  it('healthy-but-failing: health and readiness 200, every order 500 and never persisted', async () => {
    const gateway = gateways['healthy-but-failing'];
    await expect.poll(async () => (await get(`${gateway.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    expect((await get(`${gateway.url}/healthz`)).status).toBe(200);
    const order = newOrder();
    expect(await post(`${gateway.url}/orders`, order)).toEqual({ status: 500, body: { error: 'internal error' } });
    expect(await ordersWith(order.clientOrderId)).toEqual([]);
    await expect.poll(() => gateway.output()).toContain('column \\"quantity\\" of relation \\"orders\\" does not exist');
  });

  it('slow-start: /healthz at once, /readyz 503 saying why and orders 503 until GATEWAY_SLOW_START_MS after start', {
    timeout: 45_000,
  }, async () => {
    const slowStartMs = 3000;
    const started = performance.now();
    await using gateway = await startGatewayBuild(env, 'slow-start', { GATEWAY_SLOW_START_MS: String(slowStartMs) });
    const early = await get(`${gateway.url}/readyz`);
    expect(early).toMatchObject({
      status: 503,
      body: {
        ready: false,
        checks: {
          startup: { ok: false, reason: expect.stringMatching(/^warming up: ready in \d+ ms \(slow-start build, 3000 ms after start\)$/) },
        },
      },
    });
    expect(await post(`${gateway.url}/orders`, newOrder())).toMatchObject({
      status: 503,
      body: { error: expect.stringMatching(/^not ready: warming up/) },
    });
    await expect.poll(async () => (await get(`${gateway.url}/readyz`)).status, { timeout: 15_000, interval: 100 }).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(slowStartMs);
    const first = await post(`${gateway.url}/orders`, newOrder());
    expect(first.status, JSON.stringify(first.body)).toBe(202); // the body says which dependency refused, if one did
  });
});

describe('the post-rollback smoke suite, broken on purpose', () => {
  it('fails at "logs arrive" while the log shipper is frozen', { timeout: 45_000 }, async () => {
    const shipper = env.service('log-shipper');
    const frozen = await shipper.pause();
    try {
      const report = await smoke(3000);
      expect(report.failure).toMatch(
        /^probe suite "post-rollback-smoke" failed at part "logs arrive": the newest line of order-gateway\.log not stored by the log sink after 3000 ms$/,
      );
      expect(report.parts.map((part) => part.ok)).toEqual([true, true, true, false]);
    } finally {
      await shipper.resume(frozen);
    }
  });

  it('fails at "order filled" while the gateway is stopped, and sees the failed scrape', { timeout: 60_000 }, async () => {
    // Healthy first: the shipper frozen by the test before has caught up.
    await expect.poll(async () => (await smoke()).ok, { timeout: 30_000, interval: 1000 }).toBe(true);
    await pm2('stop', 'order-gateway');
    try {
      // Until Prometheus' scrape has found the gateway gone (it scrapes every second), not a fixed wait: the
      // gateway's last lines, its shutdown's, are what "logs arrive" looks for, and only the last 5 s count.
      const report = await waitUntil(
        async () => {
          const seen = await smoke(3000);
          return seen.parts[2]?.ok === false ? seen : undefined;
        },
        { what: 'a smoke run that sees the failed scrape', timeoutMs: 15_000, intervalMs: 250, signal },
      );
      expect(report.failure).toMatch(
        /^probe suite "post-rollback-smoke" failed at part "order filled": order smoke-\S+ got no answer \(waited up to 5000 ms\): fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
      );
      expect(report.parts.map((part) => [part.name, part.ok])).toEqual([
        ['order filled', false],
        ['order cancelled', false],
        ['metrics scraped', false],
        ['logs arrive', report.parts[3]!.ok],
      ]);
      expect(report.parts[2]!.detail).toMatch(/^up\{job="order-gateway"\} is 0, scraped \d+ ms ago: the last scrape failed$/);
      // A stopped gateway writes nothing: its shutdown's lines were shipped, or (on a machine slow enough that
      // they are over 5 s old) there is nothing to see arrive. Never a line left unshipped: the shipper is fine.
      expect(report.parts[3]!.detail).toMatch(
        /^the newest line of order-gateway\.log stored by the log sink within \d+ ms$|^order-gateway wrote no log line in \S+ within the last 5000 ms nor 3000 ms more: nothing to see arrive$/,
      );
    } finally {
      await env.service('order-gateway').ensureRunning();
    }
    await expect.poll(async () => (await smoke()).ok, { timeout: 30_000, interval: 1000 }).toBe(true);
  });
});
