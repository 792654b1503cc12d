import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPositions } from '../../fixtures/ats/risk/positions.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { freePort } from '../../src/host/ports.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { createPostgres } from '../../src/runtime/local/postgres-server.ts';
import { applyMigrations } from '../../src/runtime/migrate.ts';
import { appRole } from '../../src/topology/service-env.ts';

// The risk service's positions, from a real PostgreSQL with the ATS's schema: the opening book plus the trading
// day's fills only. Before, every fill ever written was summed each second on top of the book (which holds the
// days before already): a seeded gigabyte of history kept a core 60 % busy.
describe("the risk service's positions", () => {
  let sandbox: Sandbox;
  let pool: pg.Pool;
  const sessionStart = new Date('2026-12-04T00:00:00Z');

  beforeAll(async () => {
    sandbox = await createSandbox();
    const server = await createPostgres(sandbox.dir, sandbox.id, await freePort());
    const connection = { host: '127.0.0.1', port: server.port, ...appRole, password: server.password };
    await applyMigrations(connection, join(repoRoot, 'fixtures', 'ats', 'migrations'));
    pool = new pg.Pool(connection);
    // A buy of 10 AAPL filled yesterday (in the opening book already) and one of 2 AAPL filled today at 200.
    await pool.query(
      `WITH o AS (
         INSERT INTO orders (client_order_id, symbol, side, qty, price, status) VALUES
           ('yesterday', 'AAPL', 'buy', 10, 180, 'filled'), ('today', 'AAPL', 'buy', 2, 200, 'filled')
         RETURNING id, client_order_id, qty, price)
       INSERT INTO fills (order_id, exchange_order_id, qty, price, filled_at)
       SELECT id, 'x-' || client_order_id, qty, price,
              CASE client_order_id WHEN 'yesterday' THEN $1::timestamptz - interval '1 hour' ELSE $1::timestamptz + interval '1 hour' END
       FROM o`,
      [sessionStart],
    );
  }, 30_000);
  afterAll(async () => {
    await pool?.end();
    if (sandbox) await removeSandbox(sandbox);
  });

  it('are the opening book plus the fills from the session start on, marked at the last fill without ticks', async () => {
    const positions = await loadPositions(pool, [{ symbol: 'AAPL', quantity: 1000, price: 190 }], sessionStart);
    expect(positions).toEqual([{ symbol: 'AAPL', quantity: 1002, cashFlow: -190_000 - 400, markPrice: 200 }]);
  });

  it('count yesterday too when the session starts before it', async () => {
    const positions = await loadPositions(pool, [], new Date('2026-12-03T00:00:00Z'));
    expect(positions).toEqual([{ symbol: 'AAPL', quantity: 12, cashFlow: -1800 - 400, markPrice: 200 }]);
  });
});
