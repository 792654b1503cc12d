// seedDatabase against one real local environment (its services running, as in a drill): it reaches the size asked
// for, by less than a small batch over, and leaves orders and fills consistent; the consistency check is shown to
// fail on a fill for a cancelled order and on a filled order without a fill, written on purpose. Then drill:dr's
// round trips on the seeded database, both sides, each way: every order comes back, each command started settled
// (a CHECKPOINT before it), the scripts' traces name their commands. And the drill's wait for the WAL archiver on
// the real server: an archive_command that archives nothing stops it, a working one drains. No time is asserted.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BackupRestoreMeasurement } from '../../src/dr/backup-restore-measurement.ts';
import { measureOpsBackupRestore } from '../../src/dr/measure-ops-backup-restore.ts';
import { measureRawBackupRestore } from '../../src/dr/measure-raw-backup-restore.ts';
import { ordersAndFillsProblems } from '../../src/dr/seed-consistency.ts';
import { formatSeedProgress, type SeedProgress, type SeedResult, seedDatabase } from '../../src/dr/seed-database.ts';
import { type Environment, localRuntime } from '../../src/index.ts';
import { postgresConnection } from '../../src/runtime/postgres-connection.ts';
import { archiverBacklogQuery, waitForArchiver } from '../../src/dr/wal-archiver-backlog.ts';

const targetBytes = 20e6;
let env: Environment;
let client: pg.Client;
let result: SeedResult;
const progress: SeedProgress[] = [];

beforeAll(async () => {
  env = await localRuntime.provision(new AbortController().signal);
  const connection = postgresConnection(env.variables(), 'app', 'firedrill-seed-test');
  result = await seedDatabase(connection, { targetBytes, onProgress: (p) => progress.push(p) });
  client = new pg.Client(connection);
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await env?.[Symbol.asyncDispose]();
});

const one = async (sql: string) => Object.values((await client.query(sql)).rows[0] as Record<string, unknown>)[0];

describe('seedDatabase', () => {
  it('reaches the size asked for, by at most 2 MB over, reporting its progress', async () => {
    expect(result.startBytes).toBeLessThan(targetBytes);
    expect(Number(await one('SELECT pg_database_size(current_database())'))).toBeGreaterThanOrEqual(targetBytes);
    expect(result.bytes).toBeGreaterThanOrEqual(targetBytes);
    expect(result.bytes - targetBytes).toBeLessThan(2e6);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.bytes).toBe(result.bytes);
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
    expect(result.bytesPerSecond).toBeGreaterThan(0);
    expect(formatSeedProgress(result)).toMatch(/^seeded 2\d(\.\d+)? MB of 20 MB \(100 %\): \d+\.\d MB\/s, \d+ orders, \d+ ticks$/);
  });

  it('writes the rows it counts: ticks the bulk, 70 % of seeded orders filled, positions flat', async () => {
    expect(Number(await one(`SELECT count(*) FROM orders WHERE client_order_id LIKE 'seed-%'`))).toBe(result.orders);
    expect(Number(await one(`SELECT count(*) FROM ticks WHERE time < now() - interval '1 day'`))).toBe(result.ticks);
    expect(result.ticks).toBeGreaterThan(10 * result.orders);
    const filled = Number(await one(`SELECT count(*) FROM orders WHERE client_order_id LIKE 'seed-%' AND status = 'filled'`));
    expect(filled / result.orders).toBeCloseTo(0.7, 1);
    expect(await one(`SELECT count(*) FROM orders WHERE client_order_id LIKE 'seed-%' AND status IN ('accepted', 'sending')`)).toBe('0');
    const net = `SELECT coalesce(sum(abs(q)), 0) FROM (SELECT sum(CASE WHEN o.side = 'buy' THEN f.qty ELSE -f.qty END) AS q
      FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.client_order_id LIKE 'seed-%' GROUP BY o.symbol) per_symbol`;
    expect(Number(await one(net))).toBe(0);
  });

  it('leaves every fill with an existing, filled order, and every filled order with its fill', async () => {
    expect(await ordersAndFillsProblems(client)).toEqual([]);
  });

  it('the consistency check names a fill for a cancelled order and a filled order without a fill', async () => {
    await client.query('BEGIN');
    try {
      await client.query(
        `UPDATE orders SET status = 'cancelled' WHERE id = (SELECT order_id FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.client_order_id LIKE 'seed-%' LIMIT 1)`,
      );
      await client.query(
        `UPDATE orders SET status = 'filled' WHERE id = (SELECT id FROM orders WHERE client_order_id LIKE 'seed-%' AND status = 'rejected' LIMIT 1)`,
      );
      expect(await ordersAndFillsProblems(client)).toEqual([
        expect.stringMatching(/^1 fills whose order is not filled \(e\.g\. [0-9a-f-]{36}\)$/),
        expect.stringMatching(/^1 filled orders without a fill \(e\.g\. [0-9a-f-]{36}\)$/),
      ]);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

describe("drill:dr's round trips on the seeded database", () => {
  it('bring every order back both ways, raw and by the scripts, each command after a CHECKPOINT', { timeout: 120_000 }, async () => {
    const checkpoints = async () => Number(await one('SELECT checkpoints_req FROM pg_stat_bgwriter'));
    const orders = Number(await one('SELECT count(*) FROM orders'));
    const dir = join(env.variables().FIREDRILL_SANDBOX!, 'dr-drill');
    const traced = new Map<string, string[]>();
    const before = await checkpoints();
    const raw = await measureRawBackupRestore(env, dir);
    const scripts = await measureOpsBackupRestore(env, dir, {
      onScriptTrace: (script, _ms, commands) =>
        traced.set(
          script,
          commands.map((c) => c.id),
        ),
    });
    const restored = (m: BackupRestoreMeasurement) => [m.logical.restoredOrders, m.physical?.restoredOrders];
    expect([restored(raw), restored(scripts)]).toEqual([
      [orders, orders],
      [orders, orders],
    ]);
    // pg_dump, pg_restore, pg_basebackup, two tars; two scripts each way: each one settled, and the psql around them too.
    expect((await checkpoints()) - before).toBeGreaterThanOrEqual(9);
    expect([...traced.keys()]).toEqual([
      'backup-postgres.sh',
      'restore-postgres.sh',
      'backup-postgres-base.sh',
      'restore-postgres-base.sh',
    ]);
    expect(traced.get('backup-postgres-base.sh')).toContainEqual(expect.stringMatching(/^pg_basebackup .*--no-sync/));
    expect(traced.get('restore-postgres-base.sh')).toContainEqual(expect.stringMatching(/^pg_verifybackup /));
  });
});

describe("drill:dr's wait for the WAL archiver", () => {
  it('reads the real backlog: fails on an archiver that archives nothing, returns once it has archived everything', {
    timeout: 60_000,
  }, async () => {
    const admin = new pg.Client(postgresConnection(env.variables(), 'admin', 'firedrill-archiver-test'));
    await admin.connect();
    const backlog = async () => Number(Object.values((await admin.query(archiverBacklogQuery)).rows[0] as object)[0]);
    try {
      await admin.query("ALTER SYSTEM SET archive_command = 'false'");
      await admin.query('SELECT pg_reload_conf()');
      await admin.query('CREATE TEMP TABLE t AS SELECT 1; SELECT pg_switch_wal()');
      expect(await backlog()).toBeGreaterThan(0);
      await expect(waitForArchiver(backlog, { stallMs: 1_500, pollMs: 100 })).rejects.toThrow(
        /archived nothing for .* wait for archive_command/,
      );
    } finally {
      await admin.query('ALTER SYSTEM RESET archive_command');
      await admin.query('SELECT pg_reload_conf()');
    }
    try {
      await waitForArchiver(backlog, { stallMs: 30_000 });
      expect(await backlog()).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
