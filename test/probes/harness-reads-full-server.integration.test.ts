import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { poolExhaustion } from '../../src/faults/pool-exhaustion.ts';
import { acknowledgedOrdersIntegrity } from '../../src/probes/order-integrity.ts';
import { postgresAcceptsAppRole } from '../../src/probes/postgres-accepts-app-role.ts';
import { connectionSlots } from '../../src/probes/postgres-connection-slots.ts';
import { createSqlClient } from '../../src/probes/sql-client.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { withOrderFlow } from '../support/pool-exhaustion-checks.ts';

// The harness's reads must survive the failure they observe: with every slot
// for the application's role taken (what a pool-exhaustion remediation that
// frees nothing leaves), its queries and the order integrity check still
// answer, as the superuser on a reserved slot, which they give back at once.
describe("the harness's reads on a server that refuses the application's role", () => {
  let env: Environment;
  beforeAll(async () => {
    env = await localRuntime.provision(new AbortController().signal);
  }, 60_000);
  afterAll(() => env?.[Symbol.asyncDispose]());

  it('answer as the superuser, and leave no reserved slot taken', { timeout: 60_000 }, async () => {
    await withOrderFlow(env, async (context) => {
      const injected = await poolExhaustion({ headStartMs: 500 }).inject(env, context.signal);
      try {
        await injected.exhausted;
        const refused = await waitUntil(
          async () => {
            const seen = await postgresAcceptsAppRole().observe(context);
            return !seen.ok && seen;
          },
          { what: "PostgreSQL refusing the application's role", timeoutMs: 3_000, intervalMs: 100 },
        );
        expect(refused.detail).toMatch(/\(53300\)/);

        // A fresh pool, as the harness's is once its idle connections closed and the stuck client took their slots.
        // A slot another client frees is retaken by the fault within its retake interval, and a read may win that
        // race as the application's role (a clean-clone CI run saw it once): such a pool is dropped and a new one
        // asks again, until one read is refused and answered as the superuser.
        const asAdmin = await waitUntil(
          async () => {
            await using attempt = createSqlClient(env.variables());
            const [who] = await attempt.query<{ user: string; orders: string }>(
              'SELECT current_user AS user, count(*) AS orders FROM orders',
            );
            return who?.user === env.variables().PGADMIN_USER && who;
          },
          { what: 'a read answered as the superuser', timeoutMs: 3_000, intervalMs: 100 },
        );
        expect(Number(asAdmin.orders)).toBeGreaterThan(0);
        await using sql = createSqlClient(env.variables());

        const found = await acknowledgedOrdersIntegrity({ drainMs: 500 })({ ...context, sql });
        expect(found.detail).toMatch(
          /^\d+ orders acknowledged: 0 missing from the orders table, \d+ still unfilled after a drain of up to 500 ms/,
        );

        // A closed connection's backend takes a moment to exit.
        await waitUntil(async () => (await connectionSlots(env)).holders.every((h) => h.user !== env.variables().PGADMIN_USER), {
          what: 'no superuser session left open by the reads',
          timeoutMs: 1_000,
          intervalMs: 50,
        });
      } finally {
        await injected.revert();
      }
    });
  });
});
