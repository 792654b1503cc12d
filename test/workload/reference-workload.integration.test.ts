import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import { refusedOrdersNotPersisted } from '../../src/checks/refused-orders-not-persisted.ts';
import { exchangeStats } from '../../src/probes/exchange-stats.ts';
import { acknowledgedOrdersIntegrity } from '../../src/probes/order-integrity.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { createSqlClient, type SqlClient } from '../../src/probes/sql-client.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import { type OrderFlow, startOrderFlow } from '../../src/workload/order-flow.ts';
import type { WorkloadAdapter } from '../../src/workload/workload-adapter.ts';

// The integrity and refused-orders checks, asked through the reference
// workload adapter on the real reference system, give what reading its
// tables and its exchange directly gives (the queries these checks ran before
// they went through the adapter), in the same words; and each finding shows
// when the system is broken on purpose.
let env: Environment;
let sql: SqlClient;
let flow: OrderFlow;
const signal = new AbortController().signal;

/** The reference adapter, every fourth order sent with qty -1 so the real gateway refuses it (400). */
function withSomeRefused(adapter: WorkloadAdapter): WorkloadAdapter {
  let n = 0;
  return { ...adapter, place: (order, s) => adapter.place(n++ % 4 === 3 ? { ...order, qty: -1 } : order, s) };
}

/** What the checks read before the adapter: the orders table by status, the exchange's stats. */
async function readDirectly(drainMs: number) {
  const acked = flow.acknowledgedClientOrderIds();
  const [row] = await sql.query<{ missing: string; unfilled: string }>(
    `SELECT (SELECT count(*) FROM unnest($1::text[]) AS acked(id) WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.client_order_id = acked.id)) AS missing,
            (SELECT count(*) FROM orders WHERE client_order_id = ANY($1::text[]) AND status <> 'filled') AS unfilled`,
    [acked],
  );
  const [refused] = await sql.query<{ persisted: string; filled: string }>(
    `SELECT count(*) AS persisted, count(*) FILTER (WHERE status = 'filled') AS filled FROM orders WHERE client_order_id = ANY($1::text[])`,
    [flow.refusedClientOrderIds()],
  );
  const byStatus = await sql.query<{ status: string; count: string }>(
    `SELECT status, count(*) FROM orders WHERE client_order_id = ANY($1::text[]) AND status <> 'filled'
      GROUP BY status ORDER BY count(*) DESC, status`,
    [acked],
  );
  const states = byStatus.length === 0 ? '' : ` (${byStatus.map((r) => `${r.status} ${r.count}`).join(', ')})`;
  const { duplicates } = await exchangeStats(env);
  const [missing, unfilled] = [Number(row!.missing), Number(row!.unfilled)];
  return {
    integrity: {
      lost: missing + unfilled,
      duplicated: duplicates,
      detail:
        `${acked.length} orders acknowledged: ${missing} missing from the orders table, ` +
        `${unfilled} still unfilled after a drain of up to ${drainMs} ms${states}, ${duplicates} duplicate submission(s) seen by the exchange`,
    },
    refused: `${flow.refusedClientOrderIds().length} orders refused; ${refused!.persisted} of them persisted anyway, ${refused!.filled} filled`,
  };
}

async function throughTheAdapter(drainMs: number) {
  const context: ProbeContext = { env, orderFlow: flow, sql, signal };
  const integrity = await acknowledgedOrdersIntegrity({ drainMs })(context);
  const refused = await refusedOrdersNotPersisted().run({
    ...context,
    transcripts: [],
    runStep: () => Promise.reject(new Error('none')),
  } as CheckContext);
  return { integrity, refused };
}

describe('the reference workload adapter on the reference system', () => {
  beforeAll(async () => {
    env = await localRuntime.provision(signal);
    sql = createSqlClient(env.variables());
    flow = startOrderFlow({ workload: withSomeRefused(createWorkload({ variables: env.variables(), sql })), ordersPerSec: 20 });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await flow.stop();
  }, 90_000);
  afterAll(async () => {
    await sql?.[Symbol.asyncDispose]();
    await env?.[Symbol.asyncDispose]();
  });

  it('gives the numbers and the words of reading the tables and the exchange directly', { timeout: 30_000 }, async () => {
    const stats = flow.stats();
    expect(stats.acknowledged, JSON.stringify(stats)).toBeGreaterThan(20);
    expect(stats.refused).toBeGreaterThan(5);
    expect(
      flow
        .requestsWithin(60_000)
        .filter((r) => r.outcome === 'refused')
        .map((r) => r.status),
    ).toEqual(Array(stats.refused).fill(400));
    // Every answer, acknowledgement or refusal, says how long the gateway took over it: less than the client waited.
    const answered = flow.requestsWithin(60_000).filter((r) => r.outcome !== 'failed');
    expect(answered.filter((r) => r.serverMs === undefined || r.serverMs < 0 || r.serverMs > r.latencyMs)).toEqual([]);
    const found = await throughTheAdapter(15_000);
    expect(found.integrity).toEqual({
      lost: 0,
      duplicated: 0,
      detail: expect.stringMatching(/: 0 missing from the orders table, 0 still unfilled/),
    });
    expect(found.refused).toEqual({ ok: true, detail: `${stats.refused} orders refused; 0 of them persisted anyway, 0 filled` });
    const direct = await readDirectly(15_000);
    expect(found.integrity).toEqual(direct.integrity);
    expect(found.refused.detail).toBe(direct.refused);
  });

  it('finds an acknowledged order missing, one never filled, one sent to the exchange twice, and a refused one persisted', {
    timeout: 30_000,
  }, async () => {
    const [missing, unfilled, resent] = flow.acknowledgedClientOrderIds();
    const idOf = async (clientOrderId: string) =>
      (await sql.query<{ id: string }>('SELECT id FROM orders WHERE client_order_id = $1', [clientOrderId]))[0]!.id;
    const [missingId, unfilledId, resentId] = await Promise.all([missing!, unfilled!, resent!].map(idOf));
    await sql.query('DELETE FROM fills WHERE order_id = ANY($1::uuid[])', [[missingId, unfilledId]]);
    await sql.query('DELETE FROM orders WHERE id = $1', [missingId]);
    await sql.query(`UPDATE orders SET status = 'rejected' WHERE id = $1`, [unfilledId]);
    const resend = await fetch(`${env.variables().EXCHANGE_URL}/api/v1/order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client-id': 'firedrill-test' },
      body: JSON.stringify({ clientOrderId: resentId, symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 }),
    });
    expect(resend.status).toBeLessThan(300);
    // Cancelled, so the dispatcher leaves it alone: persisted, not filled.
    await sql.query(
      `INSERT INTO orders (client_order_id, symbol, side, qty, price, status) VALUES ($1, 'BTC-USD', 'buy', 1, 100, 'cancelled')`,
      [flow.refusedClientOrderIds()[0]],
    );

    const found = await throughTheAdapter(500);
    const acked = flow.acknowledgedClientOrderIds().length;
    expect(found.integrity).toEqual({
      lost: 2,
      duplicated: 1,
      detail: `${acked} orders acknowledged: 1 missing from the orders table, 1 still unfilled after a drain of up to 500 ms (rejected 1), 1 duplicate submission(s) seen by the exchange`,
    });
    expect(found.refused).toEqual({
      ok: false,
      detail: `${flow.refusedClientOrderIds().length} orders refused; 1 of them persisted anyway, 0 filled`,
    });
    const direct = await readDirectly(500);
    expect(found.integrity).toEqual(direct.integrity);
    expect(found.refused.detail).toBe(direct.refused);
  });
});
