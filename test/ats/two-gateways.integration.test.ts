import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';
import type { InjectedFault } from '../../src/faults/fault.ts';
import { latency } from '../../src/faults/latency.ts';
import { acknowledgedOrdersIntegrity } from '../../src/probes/order-integrity.ts';
import { createSqlClient, type SqlClient } from '../../src/probes/sql-client.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { type OrderFlow, startOrderFlow } from '../../src/workload/order-flow.ts';
import { startGatewayBuild } from '../support/gateway-build-process.ts';
import type { ServiceProcess } from '../support/service-process.ts';

// Two reference gateways dispatching from one orders table, as blue/green, a
// PM2 cluster or a double spawn runs them: the environment's own (A, which the
// orders go to) and a second process (B) on the same Postgres, Redis and
// exchange. Found by bad-deploy-rollback on docker (4 orders submitted twice):
// a gateway starting up took every order in "sending", the live one's
// included, and sent again those the exchange had not seen yet. Orders are
// held 100 ms on their way to the exchange (to Postgres, further down), so a
// gateway's claimed orders are often ones the exchange has not seen yet. One
// environment for every test; they run in order, except the killed and the
// frozen gateway's, which run side by side: each waits some 10 s for its
// orders to be taken over (a registration is dead to its peers after 8 s
// without a heartbeat), and each finds its gateway's orders by its
// registration, so the other's do not count.
let env: Environment;
let sql: SqlClient;
let flow: OrderFlow;
let slowExchange: InjectedFault;
const signal = new AbortController().signal;

async function duplicatesAtExchange(): Promise<number> {
  const response = await fetch(`${env.variables().EXCHANGE_URL}/admin/stats`, { signal: AbortSignal.timeout(5_000) });
  return ((await response.json()) as { duplicates: number }).duplicates;
}

/** Orders still "sending" under a registration of the gateway's process. */
async function claimedBy(gateway: ServiceProcess): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT o.id FROM orders o JOIN dispatchers d ON d.id = o.claimed_by WHERE o.status = 'sending' AND d.pid = $1`,
    [gateway.child.pid],
  );
  return rows.map((row) => row.id);
}

async function statuses(ids: readonly string[]): Promise<{ status: string; fills: number }[]> {
  return sql.query<{ status: string; fills: number }>(
    `SELECT o.status, (SELECT count(*)::int FROM fills f WHERE f.order_id = o.id) AS fills FROM orders o WHERE o.id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Orders filled under a registration of the gateway's process. */
async function filledBy(gateway: ServiceProcess): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM orders o JOIN dispatchers d ON d.id = o.claimed_by WHERE o.status = 'filled' AND d.pid = $1`,
    [gateway.child.pid],
  );
  return row?.n ?? 0;
}

const allFilledOnce = async (ids: readonly string[]) => (await statuses(ids)).every((row) => row.status === 'filled' && row.fills === 1);

beforeAll(async () => {
  env = await localRuntime.provision(signal);
  sql = createSqlClient(env.variables());
  slowExchange = await latency('gateway-exchange', { latencyMs: 100, stream: 'upstream' }).inject(env, signal);
  flow = startOrderFlow({ workload: createWorkload({ variables: env.variables(), sql }), ordersPerSec: 12 });
  await waitUntil(async () => flow.stats().acknowledged >= 5, { what: 'five orders acknowledged', timeoutMs: 10_000 });
}, 90_000);

afterAll(async () => {
  await flow?.stop();
  await slowExchange?.revert();
  await sql?.[Symbol.asyncDispose]();
  await env?.[Symbol.asyncDispose]();
});

describe('two gateways dispatching from one orders table', () => {
  it('a second gateway started and stopped (SIGTERM, then SIGKILL, in turn) 8 times while orders flow: no order reaches the exchange twice', {
    timeout: 90_000,
  }, async () => {
    const before = await duplicatesAtExchange();
    const started = performance.now();
    for (let round = 0; round < 8; round++) {
      const second = await startGatewayBuild(env, 'current');
      await sleep(1_000);
      await second.stop(round % 2 === 0 ? 'SIGTERM' : 'SIGKILL');
    }
    await sleep(1_000);
    console.log(`8 starts and stops of a second gateway: ${Math.round(performance.now() - started)} ms`);
    expect(await duplicatesAtExchange()).toBe(before);
  });

  // Orders held 100 ms each way on their way to Postgres instead (not to the exchange): a gateway's claimed orders
  // are ones it has not sent yet, and a gateway frozen while it writes its claims holds some (with both, the live
  // gateway fell so far behind that the killed one's orders took 18 s to be filled).
  describe('killed and frozen, side by side', () => {
    let slowPostgres: InjectedFault;
    beforeAll(async () => {
      await slowExchange.revert();
      slowPostgres = await latency('gateway-postgres', { latencyMs: 100 }).inject(env, signal);
    });
    afterAll(() => slowPostgres?.revert());

    it.concurrent('a gateway killed (SIGKILL) with orders claimed: the other one takes them over and each is filled once', {
      timeout: 90_000,
    }, async () => {
      const before = await duplicatesAtExchange();
      const { held, orphans } = await killedHolding();
      const killedAt = performance.now();
      await waitUntil(() => allFilledOnce(held), {
        what: `the ${held.length} orders the killed gateway held filled once`,
        timeoutMs: 30_000,
      });
      console.log(
        `${held.length} orders of a killed gateway (${orphans} left in "sending") filled by the other ${Math.round(performance.now() - killedAt)} ms after the kill`,
      );
      expect(await duplicatesAtExchange()).toBe(before);
    });

    // Frozen while it writes to Postgres, a gateway resumed after its claims were
    // taken over goes on with its batch: a check that its claim is still its own
    // must come before each send.
    it.concurrent('a gateway frozen with orders claimed: they are taken over; resumed, it sends none of them again and dispatches anew', {
      timeout: 90_000,
    }, async () => {
      const second = await startGatewayBuild(env, 'current');
      try {
        const before = await duplicatesAtExchange();
        const { held, frozenAt } = await frozenHolding(second);
        await waitUntil(() => allFilledOnce(held), {
          what: `the ${held.length} orders of the frozen gateway filled once`,
          timeoutMs: 30_000,
        });
        console.log(
          `${held.length} orders of a frozen gateway filled by the other ${Math.round(performance.now() - frozenAt)} ms after the freeze`,
        );
        second.child.kill('SIGCONT');
        // Resumed, it goes on with its batch, then learns it was declared dead, registers again and fills orders under
        // its new registration: one loop, so by then whatever it sent again of the batch has reached the exchange.
        await waitUntil(async () => /declared dead/.test(second.output()) && (await filledBy(second)) > 0, {
          what: 'the resumed gateway registered anew and filling orders',
          timeoutMs: 15_000,
        });
        expect(await duplicatesAtExchange()).toBe(before);
        expect(await statuses(held)).toEqual(held.map(() => ({ status: 'filled', fills: 1 })));
      } finally {
        second.child.kill('SIGCONT');
        await second.stop();
      }
    });
  });

  it('every acknowledged order persisted and filled exactly once', { timeout: 60_000 }, async () => {
    await flow.stop();
    const integrity = await acknowledgedOrdersIntegrity({ drainMs: 30_000 })({ env, orderFlow: flow, sql, signal });
    expect(integrity, integrity.detail).toMatchObject({ lost: 0, duplicated: 0 });
  });
});

/**
 * Starts a second gateway and kills it (SIGKILL) the moment it holds claimed
 * orders; again if all were settled before the kill landed (at most 5 tries).
 */
async function killedHolding(): Promise<{ held: string[]; orphans: number }> {
  for (let attempt = 1; ; attempt++) {
    const second = await startGatewayBuild(env, 'current');
    const held = await waitUntil(
      async () => {
        const held = await claimedBy(second);
        if (held.length === 0) return false;
        second.child.kill('SIGKILL');
        return held;
      },
      { what: 'the second gateway holding claimed orders', timeoutMs: 15_000, intervalMs: 10 },
    );
    await second.stop();
    const orphans = (await statuses(held)).filter((row) => row.status === 'sending').length;
    if (orphans > 0 || attempt === 5) {
      expect(orphans, 'orders the killed gateway left in "sending"').toBeGreaterThan(0);
      return { held, orphans };
    }
  }
}

/** Freezes the gateway until, 5 s into a freeze, it holds two or more claimed orders (at most 5 tries); returns them and when it froze. */
async function frozenHolding(gateway: ServiceProcess): Promise<{ held: string[]; frozenAt: number }> {
  for (let attempt = 1; ; attempt++) {
    await sleep(1_000);
    gateway.child.kill('SIGSTOP');
    const frozenAt = performance.now();
    await sleep(5_000);
    // Its registration is still there (a peer deletes it 8 s after the last heartbeat): what it claimed, unsettled.
    const held = await claimedBy(gateway);
    if (held.length >= 2 || attempt === 5) {
      expect(held.length, 'orders the frozen gateway held').toBeGreaterThanOrEqual(2);
      return { held, frozenAt };
    }
    gateway.child.kill('SIGCONT');
  }
}
