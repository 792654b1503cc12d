import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import { createSqlClient, type SqlClient } from '../../src/probes/sql-client.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { freePort } from '../../src/host/ports.ts';
import { createPostgres } from '../../src/runtime/local/postgres-server.ts';
import { appRole } from '../../src/topology/service-env.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { applyMigrations } from '../../src/runtime/migrate.ts';

// The reference workload adapter reading back, from a real PostgreSQL with the
// ATS's schema, what became of orders: persisted or not, and how many fills.
describe("the reference workload adapter's readBack", () => {
  let sandbox: Sandbox;
  let sql: SqlClient;

  beforeAll(async () => {
    sandbox = await createSandbox();
    const server = await createPostgres(sandbox.dir, sandbox.id, await freePort());
    const variables = {
      PGHOST: '127.0.0.1',
      PGPORT: String(server.port),
      PGUSER: appRole.user,
      PGPASSWORD: server.password,
      PGDATABASE: appRole.database,
    };
    await applyMigrations(
      { host: '127.0.0.1', port: server.port, ...appRole, password: server.password },
      join(repoRoot, 'fixtures', 'ats', 'migrations'),
    );
    sql = createSqlClient(variables);
    await sql.query(
      `INSERT INTO orders (client_order_id, symbol, side, qty, price, status) VALUES
        ('filled', 'BTC-USD', 'buy', 1, 100, 'filled'), ('accepted', 'BTC-USD', 'sell', 1, 100, 'accepted'),
        ('cancelled', 'BTC-USD', 'buy', 1, 100, 'cancelled')`,
    );
    await sql.query(
      `INSERT INTO fills (order_id, exchange_order_id, qty, price) SELECT id, 'x-1', 1, 100 FROM orders WHERE client_order_id = 'filled'`,
    );
  }, 30_000);
  afterAll(async () => {
    await sql?.[Symbol.asyncDispose]();
    if (sandbox) await removeSandbox(sandbox);
  });

  it('answers for every id asked, in order, with its state: persisted and filled, persisted only, never persisted, cancelled (a kill switch)', async () => {
    const workload = createWorkload({ variables: { ATS_URL: 'http://127.0.0.1:1' }, sql });
    expect(await workload.readBack(['accepted', 'missing', 'filled', 'cancelled'], AbortSignal.timeout(5000))).toEqual([
      { clientOrderId: 'accepted', persisted: true, fills: 0, cancelled: false, status: 'accepted' },
      { clientOrderId: 'missing', persisted: false, fills: 0, cancelled: false },
      { clientOrderId: 'filled', persisted: true, fills: 1, cancelled: false, status: 'filled' },
      { clientOrderId: 'cancelled', persisted: true, fills: 0, cancelled: true, status: 'cancelled' },
    ]);
  });
});
