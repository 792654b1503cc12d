import type { Redis } from 'ioredis';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ExchangeClient } from '../../fixtures/ats/order-gateway/exchange-client.ts';
import type { RateGate } from '../../fixtures/ats/order-gateway/rate-gate.ts';
import { Readiness } from '../../fixtures/ats/order-gateway/readiness.ts';

// The gateway's readiness over stand-ins for its pool, Redis, rate gate and exchange: Postgres answers or fails as
// the test says, at the times it sets. The real thing: test/ats/bad-builds-and-smoke.integration.test.ts, the gate.
function readinessWith(postgres: { up: boolean }, clock: { ms: number }, risk = { up: true }) {
  const pool = { query: async () => (postgres.up ? { rows: [] } : Promise.reject(new Error('Connection terminated'))) };
  const redis = { status: 'ready', ping: async () => 'PONG' };
  const gate = { blockedForMs: async () => 0 };
  const exchange = { throttleMark: () => 0, ping: async () => ({ kind: 'ok' }) };
  const healthz = async () => {
    if (!risk.up) throw new Error('GET http://127.0.0.1:7004/healthz: connect ECONNREFUSED 127.0.0.1:7004');
  };
  return new Readiness({
    pool: pool as unknown as pg.Pool,
    redis: redis as unknown as Redis,
    gate: gate as unknown as RateGate,
    exchange: exchange as unknown as ExchangeClient,
    risk: { healthz },
    now: () => clock.ms,
  });
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
      checks: { postgres: { ok: true }, redis: { ok: true }, risk: { ok: true }, exchange: { ok: true } },
    });
  });

  it('is ready at once when Postgres never failed', async () => {
    expect((await readinessWith({ up: true }, { ms: 0 }).report()).ready).toBe(true);
  });
});

// Without risk the gateway refuses every order (its pre-trade check fails closed): not ready, like Postgres.
describe('gateway readiness and the risk service', () => {
  it('is not ready while risk does not answer, naming it; ready again at the next look once it does', async () => {
    const risk = { up: false };
    const clock = { ms: 0 };
    const readiness = readinessWith({ up: true }, clock, risk);
    expect(await readiness.report()).toMatchObject({
      ready: false,
      checks: { postgres: { ok: true }, redis: { ok: true }, risk: { ok: false, reason: expect.stringContaining('ECONNREFUSED') } },
    });
    risk.up = true;
    clock.ms = 500; // risk is asked at most once a second
    expect((await readiness.report()).ready).toBe(false);
    clock.ms = 1000;
    expect(await readiness.report()).toMatchObject({ ready: true, checks: { risk: { ok: true } } });
  });
});
