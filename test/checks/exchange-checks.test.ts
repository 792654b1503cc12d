import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedRateGateReset } from '../../src/checks/guarded-rate-gate-reset.ts';
import { noRequestStorm } from '../../src/checks/no-request-storm.ts';
import type { BanRequest } from '../../src/probes/exchange-stats.ts';
import type { StepTranscript } from '../../src/runbook/step.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import { startStubExchange } from '../support/stub-exchange.ts';
import { startStubRedis } from '../support/stub-redis.ts';
import { stepTranscript } from '../support/step-transcript.ts';

let exchange: Awaited<ReturnType<typeof startStubExchange>>;
beforeAll(async () => {
  exchange = await startStubExchange();
});
afterAll(() => exchange[Symbol.asyncDispose]());

const transcript = (stepId: string, stdout: string, startedAt?: string, durationMs = 1000) =>
  stepTranscript(stepId, stdout, { ...(startedAt ? { startedAt } : {}), durationMs });
const context = (transcripts: StepTranscript[]) => ({ env: exchange.env, transcripts }) as unknown as CheckContext;
const request = (at: string, method = 'GET', path = '/api/v1/ping', extendedBan = false): BanRequest => ({
  at,
  method,
  path,
  clientId: 'gw',
  extendedBan,
  retryAfterSec: 60,
});

describe('noRequestStorm', () => {
  const check = noRequestStorm({ guardStepId: 'rate-gate.reset' });

  it('holds when nothing reached the exchange during a ban', async () => {
    exchange.stats = { rejected429: 3, rejected418: 1 };
    expect(await check.run(context([]))).toEqual({
      ok: true,
      detail: 'no request during a ban (0 guard probe(s) of "rate-gate.reset" left out); 3 answered 429, 1 answered 418',
    });
    expect(check.name).toBe('no request reaches the exchange during a ban (but step "rate-gate.reset"\'s status probe)');
  });

  it('leaves out one status probe per run of the guard step, made while it ran (its ends included)', async () => {
    exchange.stats = {
      requestsDuringBan: 2,
      duringBan: [request('2026-01-01T00:00:01.000Z'), request('2026-01-01T00:00:12.000Z')],
    };
    const runs = [
      transcript('rate-gate.reset', '', '2026-01-01T00:00:01.000Z'),
      transcript('rate-gate.reset', '', '2026-01-01T00:00:11.000Z', 1000),
      transcript('other.step', '', '2026-01-01T00:00:00.000Z', 60_000),
    ];
    expect(await check.run(context(runs))).toMatchObject({
      ok: true,
      detail: expect.stringContaining('(2 guard probe(s) of "rate-gate.reset" left out)'),
    });
  });

  it('counts every other request: a second probe in one run, one outside any run, an order, a run with no start time, the unnamed rest', async () => {
    exchange.stats = {
      requestsDuringBan: 6,
      banExtensions: 2,
      duringBan: [
        request('2026-01-01T00:00:01.000Z'),
        request('2026-01-01T00:00:01.500Z'),
        request('2026-01-01T00:00:02.001Z'),
        request('2026-01-01T00:00:01.200Z', 'POST', '/api/v1/orders', true),
        request('2026-01-01T00:00:01.300Z', 'GET', '/api/v1/other'),
      ],
    };
    const runs = [transcript('rate-gate.reset', '', '2026-01-01T00:00:01.000Z', 1000), transcript('rate-gate.reset', '')];
    const seen = await check.run(context(runs));
    expect(seen.ok).toBe(false);
    expect(seen.detail).toBe(
      '5 request(s) reached the exchange after it had answered 418, extending the ban 2 time(s): ' +
        'GET /api/v1/ping from "gw" at 2026-01-01T00:00:01.500Z; GET /api/v1/ping from "gw" at 2026-01-01T00:00:02.001Z; ' +
        'POST /api/v1/orders from "gw" at 2026-01-01T00:00:01.200Z, ban extended to 60 s; GET /api/v1/other from "gw" at 2026-01-01T00:00:01.300Z' +
        '; and 1 more (1 guard probe(s) of "rate-gate.reset" left out). ' +
        "nothing may be sent until the 418's Retry-After has passed: the gateway's rate gate keeps it in rategate:mock:blocked_until, which no reset may delete",
    );
  });

  it('counts requests the exchange did not name, and names no extra when it named them all', async () => {
    exchange.stats = { requestsDuringBan: 2, banExtensions: 1, duringBan: [] };
    expect((await check.run(context([]))).detail).toMatch(
      /^2 request\(s\) reached .*extending the ban 1 time\(s\): ; and 2 more \(0 guard/,
    );
    exchange.stats = { requestsDuringBan: 1, duringBan: [request('2026-01-01T00:00:05.000Z', 'POST', '/api/v1/orders')] };
    expect((await check.run(context([]))).detail).toMatch(/at 2026-01-01T00:00:05\.000Z \(0 guard probe/);
  });
  it("takes for each run of the guard step only that step's own status probe, made while it ran, and each probe once", async () => {
    const at = (seconds: string) => `2026-01-01T00:00:${seconds}Z`;
    const duringBan = [
      request(at('09.000')), // before any run
      request(at('10.100'), 'POST', '/api/v1/orders'),
      request(at('10.200'), 'HEAD'),
      request(at('10.300'), 'GET', '/api/v1/other'),
      request(at('10.400')), // the first run's probe
      request(at('25.000')), // between runs
      request(at('20.500')), // the second run's probe
    ];
    exchange.stats = { requestsDuringBan: duringBan.length, duringBan };
    const runs = [
      transcript('other.step', '', at('00.000'), 60_000),
      transcript('rate-gate.reset', '', at('10.000'), 1000),
      transcript('rate-gate.reset', '', at('10.300'), 500), // overlaps the first: its probe is taken
      transcript('rate-gate.reset', '', at('20.000'), 1000),
      transcript('rate-gate.reset', '', at('30.000'), 1000), // made no probe
    ];
    expect((await check.run(context(runs))).detail).toBe(
      '5 request(s) reached the exchange after it had answered 418, extending the ban 0 time(s): ' +
        `GET /api/v1/ping from "gw" at ${at('09.000')}; POST /api/v1/orders from "gw" at ${at('10.100')}; ` +
        `HEAD /api/v1/ping from "gw" at ${at('10.200')}; GET /api/v1/other from "gw" at ${at('10.300')}; ` +
        `GET /api/v1/ping from "gw" at ${at('25.000')} (2 guard probe(s) of "rate-gate.reset" left out). ` +
        "nothing may be sent until the 418's Retry-After has passed: the gateway's rate gate keeps it in rategate:mock:blocked_until, which no reset may delete",
    );
  });
});

describe('guardedRateGateReset, during the ban', () => {
  const check = guardedRateGateReset('rate-gate.reset');

  it('fails when the step did not reset the gate during the ban, saying what it printed', async () => {
    expect(await check.run(context([]))).toEqual({
      ok: false,
      detail: 'during the ban the step did not reset the gate; it printed: (nothing)',
    });
    expect(await check.run(context([transcript('rate-gate.reset', '  exchange \n  answers   200\n')]))).toEqual({
      ok: false,
      detail: 'during the ban the step did not reset the gate; it printed: exchange answers 200',
    });
    expect((await check.run(context([transcript('other.step', 'resetting')]))).detail).toMatch(/it printed: \(nothing\)$/);
  });

  it('cannot run its negative control while the exchange still blocks, and fails saying so', async () => {
    const during = transcript('rate-gate.reset', 'exchange answered 418:\n  resetting the gate');
    for (const stats of [{ faultPhase: 'banning' as const }, { faultPhase: 'throttling' as const }]) {
      exchange.stats = stats;
      expect(await check.run(context([during]))).toEqual({
        ok: false,
        detail:
          'during the ban: "exchange answered 418: resetting the gate"; exchange normal: exchange still blocking, control not possible',
      });
    }
    expect(check.name).toBe('step "rate-gate.reset" resets the rate gate only while the exchange is blocking');
  });
});

describe('guardedRateGateReset, its negative control once the exchange is normal', () => {
  const check = guardedRateGateReset('rate-gate.reset');
  const during = transcript('rate-gate.reset', 'exchange answered 418:\n  resetting the gate');
  let redis: Awaited<ReturnType<typeof startStubRedis>>;
  beforeAll(async () => {
    redis = await startStubRedis();
  });
  afterAll(() => redis[Symbol.asyncDispose]());

  /** The step run again with the exchange normal: `wipes` is what a reset deletes, `stdout` what it prints. */
  const controlContext = (stdout: string, wipes: boolean) =>
    ({
      env: { service: (name: string) => (name === 'redis' ? { name, port: redis.port } : exchange.env.service(name as never)) },
      transcripts: [during],
      runStep: async (stepId: string) => {
        if (wipes) redis.keys.delete('rategate:mock:strikes');
        return transcript(stepId, stdout);
      },
    }) as unknown as CheckContext;

  it('passes a step that leaves a planted strike alone, and cleans up after itself', async () => {
    exchange.stats = {};
    expect(await check.run(controlContext('exchange answers 200\nnot resetting\n', false))).toEqual({
      ok: true,
      detail:
        'during the ban: "exchange answered 418: resetting the gate"; ' +
        'exchange normal: planted strike left alone; step printed "exchange answers 200 not resetting"',
    });
    expect(redis.keys.has('rategate:mock:strikes')).toBe(false);
    await expect.poll(() => redis.openConnections).toBe(0);
  });

  it('fails a step that resets the gate though the exchange is normal', async () => {
    exchange.stats = {};
    expect(await check.run(controlContext('resetting the gate', true))).toEqual({
      ok: false,
      detail:
        'during the ban: "exchange answered 418: resetting the gate"; exchange normal: planted strike was wiped; step printed "resetting the gate"',
    });
  });
});
