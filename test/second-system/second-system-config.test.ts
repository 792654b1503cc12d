import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/second-system/workload.ts';
import { declaredLinks } from '../../src/config/declared-links.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { SqlClient } from '../../src/probes/sql-client.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';

// fixtures/second-system: a system unlike the reference one, declared in its
// own firedrill.config.ts. Its config must load as it is written, and its
// scenario, runbook and workload adapter must fit together.
const dir = join(repoRoot, 'fixtures', 'second-system');
const configFile = join(dir, 'firedrill.config.ts');
const databaseUrl = 'postgres://{user}:{password}@{host}:{port}/{database}';
const redisUrl = 'redis://{host}:{port}';

describe("the second system's config", () => {
  it('loads and validates: two services reading PORT, the datastores as URLs, three links through the proxy', async () => {
    const { config, source } = await loadConfig(configFile);
    expect([config.name, source]).toEqual(['second-system', 'option']);
    expect(config.services.map((s) => [s.name, s.portVariable, s.urlVariable])).toEqual([
      ['book', 'PORT', 'BOOK_URL'],
      ['ticker', 'PORT', 'TICKER_URL'],
    ]);
    expect([config.datastores.postgres?.variables, config.datastores.redis?.variables]).toEqual([
      { DATABASE_URL: databaseUrl },
      { REDIS_URL: redisUrl },
    ]);
    expect(declaredLinks(config).map(({ name, from, to, templates }) => ({ name, from, to, templates }))).toEqual([
      { name: 'book-db', from: 'book', to: 'postgres', templates: { DATABASE_URL: databaseUrl } },
      { name: 'book-cache', from: 'book', to: 'redis', templates: { REDIS_URL: redisUrl } },
      { name: 'ticker-cache', from: 'ticker', to: 'redis', templates: { REDIS_URL: redisUrl } },
    ]);
  });

  it('starts the book with node and the ticker with python3, both in its directory; the book mounts the repository in a container', async () => {
    const { config } = await loadConfig(configFile);
    const [book, ticker] = config.services;
    expect([book?.local, ticker?.local]).toMatchObject([
      { command: 'node', args: ['book/main.ts'], cwd: dir },
      { command: 'python3', args: ['ticker/ticker.py'], cwd: dir },
    ]);
    expect([book?.docker, ticker?.docker]).toMatchObject([
      { image: 'firedrill/node:24', command: ['book/main.ts'], mounts: [resolve(repoRoot)] },
      { image: 'firedrill/python:3', command: ['ticker/ticker.py'], mounts: [dir] },
    ]);
    expect([config.runbook, config.workload, config.scenarios, config.monitoring.rulesDir, config.datastores.postgres?.migrations]).toEqual(
      [join(dir, 'RUNBOOK.md'), join(dir, 'workload.ts'), join(dir, 'scenarios.ts'), join(dir, 'prometheus'), join(dir, 'migrations')],
    );
  });

  it("names only steps its runbook has, on both runtimes: cache.restart starts Redis the runtime's way", async () => {
    const { config } = await loadConfig(configFile);
    const scenarios = ((await import(config.scenarios!)) as { default: Scenario[] }).default;
    expect(scenarios.map((s) => s.id)).toEqual(['redis-outage']);
    const runbook = await readRunbook(config.runbook);
    const [local] = bindToRunbook(scenarios, runbook, 'local');
    const [docker] = bindToRunbook(scenarios, runbook, 'docker');
    expect(local?.remediation.map((step) => step.id)).toEqual(['cache.restart']);
    expect(local?.remediation[0]?.run).toMatch(/^redis-server "\$REDIS_CONF"$/m);
    expect(docker?.remediation[0]?.run).toMatch(/^docker start "\$REDIS_CONTAINER"$/m);
    expect(local?.healthCheck?.step.run).toContain('set -euo pipefail');
  });
});

describe("the second system's workload adapter", () => {
  let server: Server;
  let bookUrl: string;
  const posted: unknown[] = [];
  // A stand-in book: acknowledges order "ok", refuses the rest naming redis, as the book does when Redis is gone.
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { clientOrderId: string };
      posted.push({ method: request.method, url: request.url, body });
      const [status, answer] =
        body.clientOrderId === 'ok' ? [202, { id: '17' }] : [503, { error: 'redis unavailable, order not taken', dependency: 'redis' }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const noSql = {} as SqlClient;
  const order = (clientOrderId: string) => ({ clientOrderId, symbol: 'BTC-USD', side: 'buy' as const, qty: 1, price: 100 });

  it("posts to $BOOK_URL/orders: 202 with an id is acknowledged, a 503 refused with the book's reason naming the dependency", async () => {
    const workload = createWorkload({ variables: { BOOK_URL: bookUrl }, sql: noSql });
    const signal = AbortSignal.timeout(5000);
    expect(await workload.place(order('ok'), signal)).toEqual({ outcome: 'acknowledged', orderId: '17', status: 202 });
    expect(await workload.place(order('no'), signal)).toEqual({
      outcome: 'refused',
      status: 503,
      reason: 'redis: redis unavailable, order not taken',
    });
    expect(posted[0]).toEqual({ method: 'POST', url: '/orders', body: order('ok') });
  });

  it('reads back from its tables, one answer per id asked, in order', async () => {
    const sql = { query: async () => [{ client_order_id: 'b', fills: 1 }] } as unknown as SqlClient;
    const workload = createWorkload({ variables: { BOOK_URL: bookUrl }, sql });
    expect(await workload.readBack(['a', 'b'], AbortSignal.timeout(5000))).toEqual([
      { clientOrderId: 'a', persisted: false, fills: 0 },
      { clientOrderId: 'b', persisted: true, fills: 1 },
    ]);
  });

  it('refuses to start without BOOK_URL, saying so', () => {
    expect(() => createWorkload({ variables: {}, sql: noSql })).toThrow(/needs BOOK_URL/);
  });
});
