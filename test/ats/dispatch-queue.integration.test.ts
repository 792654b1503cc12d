import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DispatchQueue } from '../../fixtures/ats/order-gateway/dispatch-queue.ts';
import { DispatcherTable } from '../../fixtures/ats/order-gateway/dispatcher-table.ts';
import { freePort } from '../../src/host/ports.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { createPostgres } from '../../src/runtime/local/postgres-server.ts';
import { applyMigrations } from '../../src/runtime/migrate.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { appRole } from '../../src/topology/service-env.ts';

// The gateway's claims and takeovers as SQL, on a real PostgreSQL with the
// ATS's migrations: which orders in "sending" a gateway may take over (never
// those of a live registration), that two takers never both take one, and
// that a claimant whose order was taken over can no longer settle it.
const staleAfterMs = 8_000;
let sandbox: Sandbox;
let pool: pg.Pool;
let queue: DispatchQueue;
let table: DispatcherTable;

const fill = { exchangeOrderId: 'MX-1', fillQty: 1, fillPrice: 100 };

async function order(claimedBy: string | null, status = 'sending'): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO orders (symbol, side, qty, price, status, claimed_by) VALUES ('BTC-USD', 'buy', 1, 100, $1, $2) RETURNING id`,
    [status, claimedBy],
  );
  return rows[0]!.id;
}

async function registration(id: string, heartbeatAgeMs = 0): Promise<void> {
  await table.register(id);
  await pool.query(`UPDATE dispatchers SET heartbeat_at = now() - $2::int * interval '1 millisecond' WHERE id = $1`, [id, heartbeatAgeMs]);
}

async function claimant(id: string): Promise<{ status: string; claimed_by: string | null; fills: number }> {
  const { rows } = await pool.query(
    `SELECT status, claimed_by, (SELECT count(*)::int FROM fills WHERE order_id = o.id) AS fills FROM orders o WHERE id = $1`,
    [id],
  );
  return rows[0];
}

beforeAll(async () => {
  sandbox = await createSandbox();
  const server = await createPostgres(sandbox.dir, sandbox.id, await freePort());
  const connection = { host: '127.0.0.1', port: server.port, ...appRole, password: server.password };
  await applyMigrations(connection, join(repoRoot, 'fixtures', 'ats', 'migrations'));
  pool = new pg.Pool({ ...connection, max: 4 });
  pool.on('error', () => {}); // a client still closing when the server stops at the end
  queue = new DispatchQueue(pool);
  table = new DispatcherTable(pool);
}, 30_000);
beforeEach(async () => {
  await pool.query('TRUNCATE fills, orders, dispatchers');
});
afterAll(async () => {
  await pool?.end();
  if (sandbox) await removeSandbox(sandbox);
});

describe('the dispatch queue shared by several gateways', () => {
  it('a claim names its claimant; a takeover takes the orders of stale, unknown and no registrations and its own, never a live one', async () => {
    await registration('live', staleAfterMs - 2_000);
    await registration('stale', staleAfterMs + 2_000);
    await registration('me');
    await order(null, 'accepted');
    const [claimed] = await queue.claim(1, 'live');
    expect(claimed).toMatchObject({ claimedBy: 'live' });
    const taken = { stale: await order('stale'), gone: await order('gone'), none: await order(null), mine: await order('me') };

    expect((await queue.takeOver('me', staleAfterMs)).toSorted()).toEqual(Object.values(taken).toSorted());
    expect(await claimant(claimed!.id)).toMatchObject({ status: 'sending', claimed_by: 'live' });
    for (const id of Object.values(taken)) expect(await claimant(id)).toMatchObject({ status: 'sending', claimed_by: 'me' });
    // The stale registration is gone: its process, resumed, finds its heartbeat refused.
    expect(await table.renew('stale')).toBe(false);
    expect(await table.renew('live')).toBe(true);
    expect(await queue.takeOver('other', staleAfterMs)).toEqual([]);
  });

  it('two gateways taking over at the same moment never take the same order', async () => {
    for (let round = 0; round < 20; round++) {
      await registration(`a-${round}`);
      await registration(`b-${round}`);
      await registration(`dead-${round}`, staleAfterMs + 1_000);
      const orphans = await Promise.all([1, 2, 3, 4, 5].map(() => order(`dead-${round}`)));
      const [a, b] = await Promise.all([queue.takeOver(`a-${round}`, staleAfterMs), queue.takeOver(`b-${round}`, staleAfterMs)]);
      expect([...a, ...b].toSorted(), `round ${round}`).toEqual(orphans.toSorted());
    }
  });

  it('a claimant whose order was taken over settles nothing: no fill recorded, no requeue; the taker does both', async () => {
    await registration('frozen', staleAfterMs + 1_000);
    await registration('taker');
    const filled = await order('frozen');
    const unsent = await order('frozen');
    await queue.takeOver('taker', staleAfterMs);

    expect(await queue.recordFill(filled, fill, 'frozen')).toBe(false);
    expect(await queue.markRejected(filled, 'frozen')).toBe(false);
    expect(await queue.requeue([unsent], 'frozen')).toBe(0);
    expect(await claimant(filled)).toEqual({ status: 'sending', claimed_by: 'taker', fills: 0 });

    expect(await queue.recordFill(filled, fill, 'taker')).toBe(true);
    expect(await queue.recordFill(filled, { ...fill, exchangeOrderId: 'MX-2' }, 'taker')).toBe(true); // a retry after a lost reply
    expect(await queue.recordFill(filled, fill, 'frozen')).toBe(false);
    expect(await queue.requeue([unsent], 'taker')).toBe(1);
    expect(await claimant(filled)).toEqual({ status: 'filled', claimed_by: 'taker', fills: 1 });
    expect((await pool.query('SELECT exchange_order_id FROM fills')).rows).toEqual([{ exchange_order_id: 'MX-1' }]);
    expect(await claimant(unsent)).toEqual({ status: 'accepted', claimed_by: null, fills: 0 });
  });

  it('the kill switch engaged: nothing is claimed, and claimed orders not sent are cancelled by their claimant only', async () => {
    await registration('me');
    const mine = await order('me');
    const theirs = await order('other');
    const waiting = await order(null, 'accepted');
    await pool.query('UPDATE kill_switch SET engaged = true');
    try {
      expect(await queue.claim(10, 'me')).toEqual([]);
      expect(await queue.cancelClaimed([mine, theirs], 'me')).toBe(1);
      expect(await claimant(mine)).toEqual({ status: 'cancelled', claimed_by: 'me', fills: 0 });
      expect(await claimant(theirs)).toEqual({ status: 'sending', claimed_by: 'other', fills: 0 });
      expect(await claimant(waiting)).toEqual({ status: 'accepted', claimed_by: null, fills: 0 });
    } finally {
      await pool.query('UPDATE kill_switch SET engaged = false');
    }
  });

  it('a registration removed (a gateway stopped cleanly): what it left in "sending" is taken over at once', async () => {
    await registration('stopped');
    await registration('me');
    const left = await order('stopped');
    expect(await queue.takeOver('me', staleAfterMs)).toEqual([]);
    await table.remove('stopped');
    expect(await queue.takeOver('me', staleAfterMs)).toEqual([left]);
  });
});
