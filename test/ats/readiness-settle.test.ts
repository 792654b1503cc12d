import type { Redis } from 'ioredis';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ExchangeClient } from '../../fixtures/ats/order-gateway/exchange-client.ts';
import type { RateGate } from '../../fixtures/ats/order-gateway/rate-gate.ts';
import { Readiness } from '../../fixtures/ats/order-gateway/readiness.ts';

// The gateway's readiness over stand-ins for its pool, Redis, rate gate and exchange: Postgres answers or fails as
// the test says, at the times it sets. The real thing: test/ats/bad-builds-and-smoke.integration.test.ts, the gate.
function readinessWith(postgres: { up: boolean }, clock: { ms: number }) {
  const pool = { query: async () => (postgres.up ? { rows: [] } : Promise.reject(new Error('Connection terminated'))) };
  const redis = { status: 'ready', ping: async () => 'PONG' };
  const gate = { blockedForMs: async () => 0 };
  const exchange = { throttleMark: () => 0, ping: async () => ({ kind: 'ok' }) };
  return new Readiness(
    pool as unknown as pg.Pool,
    redis as unknown as Redis,
    gate as unknown as RateGate,
    exchange as unknown as ExchangeClient,
    undefined,
    () => clock.ms,
  );
}

describe('gateway readiness after Postgres failed', () => {
  it('stays not ready, saying so under postgres, until Postgres has passed every check for 2 s', async () => {
    const postgres = { up: true };
    const clock = { ms: 0 };
    const readiness = readinessWith(postgres, clock);
    expect((await readiness.report()).ready).toBe(true);

    postgres.up = false;
    clock.ms = 1000;
    expect(await readiness.report()).toMatchObject({ ready: false, checks: { postgres: { ok: false, reason: 'Connection terminated' } } });

    // A client came free for one check (a blocked statement timed out): still not ready.
    postgres.up = true;
    clock.ms = 2500;
    expect(await readiness.report()).toMatchObject({
      ready: false,
      checks: {
        postgres: {
          ok: false,
          reason: 'recovering: SELECT 1 answers again, but failed 1500 ms ago (ready once it has not failed for 2000 ms)',
        },
        redis: { ok: true },
      },
    });
    postgres.up = false;
    clock.ms = 3500;
    expect((await readiness.report()).ready).toBe(false);
    postgres.up = true;
    clock.ms = 5400;
    expect((await readiness.report()).ready).toBe(false);
    clock.ms = 5500;
    expect(await readiness.report()).toEqual({
      ready: true,
      checks: { postgres: { ok: true }, redis: { ok: true }, exchange: { ok: true } },
    });
  });

  it('is ready at once when Postgres never failed', async () => {
    expect((await readinessWith({ up: true }, { ms: 0 }).report()).ready).toBe(true);
  });
});
