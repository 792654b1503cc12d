import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/second-system/workload.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { freePort } from '../../src/host/ports.ts';
import { envTagVariable } from '../../src/host/tagged-processes.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { reportsNotReady } from '../../src/probes/readiness-report.ts';
import { createSqlClient, type SqlClient } from '../../src/probes/sql-client.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import { judgeHealthCheck } from '../../src/runner/phases/health-check.ts';
import { createPostgres } from '../../src/runtime/local/postgres-server.ts';
import { createRedis, type RedisServer } from '../../src/runtime/local/redis-server.ts';
import { applyMigrations } from '../../src/runtime/migrate.ts';
import { appRole } from '../../src/topology/service-env.ts';
import type { WorkloadAdapter } from '../../src/workload/workload-adapter.ts';
import { type ServiceProcess, startServiceProcess } from '../support/service-process.ts';

// The second system's two services as real processes (the book under Node,
// the ticker under Python) on a real PostgreSQL and Redis, Redis killed and
// started again with the runbook's own steps: the book must refuse every
// order it cannot count, both must report Redis by name, and both must come
// back by themselves once Redis answers.
const dir = join(repoRoot, 'fixtures', 'second-system');

describe("the second system's book and ticker, Redis killed and started again", () => {
  let sandbox: Sandbox;
  let redis: RedisServer;
  let sql: SqlClient;
  let book: ServiceProcess;
  let ticker: ServiceProcess;
  let workload: WorkloadAdapter;
  let stepVariables: Record<string, string>;
  const runbook = readRunbook(join(dir, 'RUNBOOK.md'));
  const context = (url: string) => ({ env: { service: () => ({ url }) } }) as unknown as ProbeContext;
  const get = async (url: string) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: response.status, text: await response.text() };
  };
  const metric = async (url: string, name: string) =>
    Number((await get(`${url}/metrics`)).text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1]);
  let sequence = 0;
  const order = () => ({ clientOrderId: `t-${++sequence}`, symbol: 'BTC-USD', side: 'buy' as const, qty: 1, price: 100 + sequence });
  const runStep = async (id: string) =>
    executeStep(toRunbookStep(await runbook, stepById(await runbook, id, 'local')), {
      variables: stepVariables,
      secrets: [],
      cwd: sandbox.dir,
    });
  /** Milliseconds until `holds` is true, polling every 50 ms; throws naming `what` after `timeoutMs`. */
  const msUntil = async (what: string, holds: () => Promise<boolean>, timeoutMs = 10_000) => {
    const started = performance.now();
    while (!(await holds().catch(() => false))) {
      if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Math.round(performance.now() - started);
  };

  beforeAll(async () => {
    sandbox = await createSandbox();
    const postgres = await createPostgres(sandbox.dir, sandbox.id, await freePort());
    const credentials = {
      host: '127.0.0.1',
      port: postgres.port,
      user: appRole.user,
      password: postgres.password,
      database: appRole.database,
    };
    await applyMigrations(credentials, join(dir, 'migrations'));
    redis = await createRedis(sandbox.dir, sandbox.id, await freePort());
    const env = {
      [envTagVariable]: sandbox.id,
      DATABASE_URL: `postgres://${credentials.user}:${encodeURIComponent(postgres.password)}@127.0.0.1:${postgres.port}/${credentials.database}`,
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
    };
    const service = { cwd: dir, env, portVariable: 'PORT' };
    [book, ticker] = await Promise.all([
      startServiceProcess({ ...service, name: 'book', command: process.execPath, args: ['book/main.ts'], readyPath: '/ready' }),
      startServiceProcess({ ...service, name: 'ticker', command: 'python3', args: ['ticker/ticker.py'], readyPath: '/health' }),
    ]);
    sql = createSqlClient({
      PGHOST: '127.0.0.1',
      PGPORT: String(postgres.port),
      PGUSER: appRole.user,
      PGPASSWORD: postgres.password,
      PGDATABASE: appRole.database,
    });
    workload = createWorkload({ variables: { BOOK_URL: book.url }, sql });
    stepVariables = { ...env, PATH: process.env.PATH ?? '', BOOK_URL: book.url, TICKER_URL: ticker.url, REDIS_CONF: redis.configFile };
  }, 60_000);

  afterAll(async () => {
    await Promise.all([book?.stop(), ticker?.stop()]);
    await sql?.[Symbol.asyncDispose]();
    if (sandbox) await removeSandbox(sandbox);
  });

  it('with Redis up: both healthy, an order acknowledged and filled once, the runbook health check passing', async () => {
    expect(JSON.parse((await get(`${book.url}/ready`)).text)).toEqual({
      ready: true,
      checks: { postgres: { ok: true }, redis: { ok: true } },
    });
    expect((await get(`${ticker.url}/health`)).status).toBe(200);
    await msUntil('book_redis_up 1', async () => (await metric(book.url, 'book_redis_up')) === 1, 2000);
    expect([await metric(book.url, 'book_postgres_up'), await metric(ticker.url, 'ticker_redis_up')]).toEqual([1, 1]);
    const placed = order();
    expect(await workload.place(placed, AbortSignal.timeout(3000))).toMatchObject({ outcome: 'acknowledged', status: 202 });
    expect(await workload.readBack([placed.clientOrderId], AbortSignal.timeout(3000))).toEqual([
      { clientOrderId: placed.clientOrderId, persisted: true, fills: 1 },
    ]);
    const health = await runStep('health.check');
    expect(judgeHealthCheck(health, 'after recovery', { failsNaming: 'redis' }), health.stderr).toMatchObject({ ok: true });
  });

  it('with Redis killed: both report redis failing at once, every order is refused naming redis, none is persisted', async () => {
    process.kill((await redis.pid())!, 'SIGKILL');
    const detectedMs = await msUntil('book /ready naming redis', async () => {
      return (await reportsNotReady('book', { dependency: 'redis', path: '/ready' }).observe(context(book.url))).ok;
    });
    const tickerMs = await msUntil('ticker /health naming redis', async () => {
      return (await reportsNotReady('ticker', { dependency: 'redis', path: '/health' }).observe(context(ticker.url))).ok;
    });
    console.log(`second system: book /ready named redis ${detectedMs} ms after the kill, the ticker /health ${tickerMs} ms after that`);
    expect(detectedMs, 'the book notices Redis gone within 1 s (its connection closes at once)').toBeLessThan(1000);

    const orders = Array.from({ length: 20 }, order);
    const answers = [];
    for (const placed of orders) {
      answers.push(await workload.place(placed, AbortSignal.timeout(3000)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(
      answers.filter((answer) => answer.outcome === 'acknowledged'),
      'acknowledged while Redis was down',
    ).toEqual([]);
    for (const answer of answers)
      expect(answer).toMatchObject({ outcome: 'refused', status: 503, reason: expect.stringMatching(/^redis: /) });
    const readBack = await workload.readBack(
      orders.map((o) => o.clientOrderId),
      AbortSignal.timeout(3000),
    );
    expect(readBack.filter((row) => row.persisted)).toEqual([]);

    await msUntil('book_redis_up 0', async () => (await metric(book.url, 'book_redis_up')) === 0, 2000);
    expect([await metric(book.url, 'book_postgres_up'), await metric(ticker.url, 'ticker_redis_up')]).toEqual([1, 0]);
    const health = await runStep('health.check');
    expect(judgeHealthCheck(health, 'during the fault', { failsNaming: 'redis' }), health.stderr).toMatchObject({ ok: true });
    expect(health.stderr).toMatch(/^UNHEALTHY book not ready: redis \(/m);
  });

  it("with Redis started by the runbook's cache.restart: both recover by themselves, orders are acknowledged and persisted once", async () => {
    const restart = await runStep('cache.restart');
    expect([restart.exitCode, restart.stdout.trim()], restart.stderr).toEqual([0, `redis answering at redis://127.0.0.1:${redis.port}`]);
    const readyMs = await msUntil('book /ready 200', async () => (await get(`${book.url}/ready`)).status === 200);
    const tickerMs = await msUntil('ticker /health 200', async () => (await get(`${ticker.url}/health`)).status === 200);
    console.log(`second system: book ready ${readyMs} ms after Redis answered, the ticker healthy ${tickerMs} ms after that`);
    expect(readyMs, 'the book reconnects every 200 ms: ready within 2 s').toBeLessThan(2000);

    const placed = order();
    const first = await workload.place(placed, AbortSignal.timeout(3000));
    const again = await workload.place(placed, AbortSignal.timeout(3000));
    expect(first).toMatchObject({ outcome: 'acknowledged', status: 202 });
    expect(again, 'the same clientOrderId sent again answers the first id').toEqual(first);
    const rows = await sql.query<{ orders: number; fills: number }>(
      `SELECT count(*)::int AS orders, (SELECT count(*)::int FROM fills JOIN orders o ON o.id = fills.order_id WHERE o.client_order_id = $1) AS fills
         FROM orders WHERE client_order_id = $1`,
      [placed.clientOrderId],
    );
    expect(rows).toEqual([{ orders: 1, fills: 1 }]);
    const health = await runStep('health.check');
    expect(judgeHealthCheck(health, 'after recovery', { failsNaming: 'redis' }), health.stderr).toMatchObject({ ok: true });
  });

  it('both stop on SIGTERM with exit 0', async () => {
    expect(await Promise.all([book.stop(), ticker.stop()])).toEqual([0, 0]);
  });
});
