import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../../fixtures/ats/shared/pg-pool.ts';
import { leavesConnectionUsable } from '../../fixtures/ats/shared/pooled-query.ts';
import { freePort } from '../../src/host/ports.ts';
import { createPostgres, type PostgresServer } from '../../src/runtime/local/postgres-server.ts';
import { appRole } from '../../src/topology/service-env.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';

// The reference services' Postgres pool against a real PostgreSQL. A write
// stuck behind a lock (pg-pool-exhaustion's stuck client) must fail as a
// whole: the server cancels and rolls it back, so a caller told "503" never
// finds the order committed later, and the pool keeps the connection. Before
// statement_timeout, the client gave up (query_timeout, no SQLSTATE), dropped
// the connection, and the INSERT committed when the lock went.
describe("the ATS services' Postgres pool", () => {
  let sandbox: Sandbox;
  let server: PostgresServer;
  const connection = () => ({ host: '127.0.0.1', port: server.port, ...appRole, password: server.password });

  beforeAll(async () => {
    sandbox = await createSandbox();
    server = await createPostgres(sandbox.dir, sandbox.id, await freePort());
  }, 30_000);
  afterAll(async () => {
    if (sandbox) await removeSandbox(sandbox);
  });

  it('a write waiting on a lock is cancelled by the server at 4 s (57014), rolled back, and its connection stays in the pool', {
    timeout: 20_000,
  }, async () => {
    const pool = createPgPool({ ...connection(), poolMax: 1 }, pino({ level: 'silent' }), 'pg-pool-test');
    const holder = new pg.Client(connection());
    await holder.connect();
    try {
      await pool.query('CREATE TABLE locked_orders (id int)');
      const before = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await holder.query('BEGIN; LOCK TABLE locked_orders IN SHARE ROW EXCLUSIVE MODE');
      const started = performance.now();
      await expect(pool.query('INSERT INTO locked_orders VALUES (1)')).rejects.toMatchObject({
        code: '57014',
        message: 'canceling statement due to statement timeout',
      });
      const elapsedMs = performance.now() - started;
      expect(elapsedMs).toBeGreaterThanOrEqual(3950); // statement_timeout 4000 ms, -50 ms for timer granularity
      expect(elapsedMs).toBeLessThan(5000); // before the client's own query_timeout
      await holder.query('ROLLBACK');
      await new Promise((resolve) => setTimeout(resolve, 300)); // an abandoned INSERT would commit now
      const { rows } = await pool.query<{ n: string; pid: number }>('SELECT count(*) AS n, pg_backend_pid() AS pid FROM locked_orders');
      expect(rows[0]).toEqual({ n: '0', pid: before });
      expect(pool.totalCount).toBe(1);
    } finally {
      await holder.end();
      await pool.end();
    }
  });

  it('keeps a connection after a statement error, drops it when the connection itself is in doubt', () => {
    const error = (code: string | undefined, severity = 'ERROR') =>
      Object.assign(new Error(code ?? 'no code'), code ? { code, severity } : {});
    expect(['57014', '23505', '42P01'].map((code) => leavesConnectionUsable(error(code)))).toEqual([true, true, true]);
    expect(['08006', '57P01', '53300'].map((code) => leavesConnectionUsable(error(code, code === '53300' ? 'FATAL' : 'ERROR')))).toEqual([
      false,
      false,
      false,
    ]);
    expect(leavesConnectionUsable(new Error('Query read timeout'))).toBe(false);
    expect(leavesConnectionUsable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});
