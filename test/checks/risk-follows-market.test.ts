import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { riskFollowsMarket } from '../../src/checks/risk-follows-market.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';

// Stand-ins for market data's shock record and Prometheus' query API (the
// real ones: the market-shock scenario and test/risk). Scrapes every second,
// 100 ms after each whole second from the tick; each scrape shows the risk
// computation of `lagMs` (400 ms unless a test says) before it, so the first
// scrape after the tick still shows a value computed before it. A null in a
// series is a scrape without that metric; `updates: false`, a risk service
// that does not export its computation time.
const tickAtMs = 1_800_000_000_000;
const scrapes = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4].map((k) => tickAtMs + k * 1000 + 100);
const firstLeg = { atMs: 0, factor: 0.96, firstTickAt: new Date(tickAtMs).toISOString() };
let series: Record<string, (number | null)[]> = {};
let stub: { lagMs: number; updates: boolean; legs: { atMs: number; factor: number; firstTickAt: string | null }[] } = {
  lagMs: 400,
  updates: true,
  legs: [firstLeg],
};

const server = createServer((request, response) => {
  const url = new URL(request.url!, 'http://stub');
  const json = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (url.pathname === '/admin/shock') return json({ legs: stub.legs });
  const metric = /^(\w+)\[\d+s\]$/.exec(url.searchParams.get('query') ?? '')?.[1] ?? '';
  const updates = stub.updates ? scrapes.map((at) => (at - stub.lagMs) / 1000) : undefined;
  const values = metric === 'risk_last_update_timestamp_seconds' ? updates : series[metric];
  const samples = (values ?? []).flatMap((value, i) => (value === null ? [] : [[scrapes[i]! / 1000, String(value)]]));
  return json({
    status: 'success',
    data: { resultType: 'matrix', result: values ? [{ metric: { __name__: metric }, values: samples }] : [] },
  });
});
let context: CheckContext;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = {
    env: {
      id: 'e',
      runtime: 'local',
      variables: () => ({ PROMETHEUS_URL: url }),
      service: (name: string) => ({ url: name === 'market-data' ? url : undefined }),
    },
    signal: new AbortController().signal,
  } as unknown as CheckContext;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const check = riskFollowsMarket({ withinMs: 5_000, follows: [{ metric: 'risk_sharpe_ratio', leg: 0, below: 0 }] });
//                      scrape:  -4.9  -3.9  -2.9  -1.9  -0.9  +0.1  +1.1  +2.1  +3.1  +4.1 s

beforeEach(() => {
  stub = { lagMs: 400, updates: true, legs: [firstLeg] };
});

describe('riskFollowsMarket', () => {
  it('times the first value computed after the tick that is past the threshold and moved', async () => {
    series = { risk_sharpe_ratio: [0.3, 0.2, 0.1, 0.2, 0.1, 0.15, -0.4, -0.35, -0.3, -0.3] };
    expect(await check.run(context)).toEqual({
      ok: true,
      detail: 'risk_sharpe_ratio followed leg 1 (-4 % at +0 s) in 1100 ms: 0.1500 → -0.4000 (below 0)',
    });
    expect(check.name).toBe('risk metrics follow the market within 5000 ms');
  });

  it('does not count a value computed before the tick, though scraped after it', async () => {
    series = { risk_sharpe_ratio: [0.3, 0.2, 0.1, 0.2, 0.1, -0.5, -0.5, -0.5, -0.5, -0.5] };
    expect(await check.run(context)).toEqual({
      ok: false,
      detail:
        'risk_sharpe_ratio did not follow leg 1 (-4 % at +0 s) within 5000 ms: it stayed at -0.5000 (4 samples), expected below 0 and away from -0.5000',
    });
  });

  it('fails a constant value on the right side of the threshold, and one that moved the wrong way, naming the metric', async () => {
    series = { risk_sharpe_ratio: Array(10).fill(-0.2) };
    expect((await check.run(context)).detail).toMatch(/^risk_sharpe_ratio did not follow .*: it stayed at -0\.2000 \(4 samples\)/);
    series = { risk_sharpe_ratio: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.4, 0.5, 0.6] };
    expect((await check.run(context)).detail).toMatch(
      /^risk_sharpe_ratio did not follow .*: it went 0\.1000 → 0\.4000, 0\.5000, 0\.6000, expected below 0/,
    );
  });

  it('says when Prometheus has nothing of the metric', async () => {
    series = {};
    expect(await check.run(context)).toEqual({
      ok: false,
      detail:
        'risk_sharpe_ratio did not follow leg 1 (-4 % at +0 s) within 5000 ms: Prometheus scraped no sample of it computed after the move, expected below 0',
    });
  });
  it('counts a value computed at the very tick as after it, and a value on the threshold as not past it', async () => {
    stub.lagMs = 100; // the scrape at +0.1 s shows the computation at the tick
    const both = riskFollowsMarket({
      withinMs: 5_000,
      follows: [
        { metric: 'risk_sharpe_ratio', leg: 0, below: 0 },
        { metric: 'risk_drawdown_ratio', leg: 0, above: 0.05 },
      ],
    });
    series = {
      risk_sharpe_ratio: [0.3, 0.2, 0.1, 0.2, 0.1, -0.4, -0.4, -0.4, -0.4, -0.4],
      risk_drawdown_ratio: [0.01, 0.01, 0.01, 0.01, 0.01, 0.05, 0.08, 0.08, 0.08, 0.08],
    };
    expect(await both.run(context)).toEqual({
      ok: true,
      detail:
        'risk_sharpe_ratio followed leg 1 (-4 % at +0 s) in 100 ms: 0.1000 → -0.4000 (below 0); ' +
        'risk_drawdown_ratio followed leg 1 (-4 % at +0 s) in 1100 ms: 0.01000 → 0.08000 (above 0.05)',
    });
    series = {
      risk_sharpe_ratio: [0.3, 0.2, 0.1, 0.2, 0.1, 0, -0.4, -0.4, -0.4, -0.4],
      risk_drawdown_ratio: [0.01, 0.01, 0.01, 0.01, 0.01, 0.03],
    };
    expect(await both.run(context)).toEqual({
      ok: false,
      detail:
        'risk_sharpe_ratio followed leg 1 (-4 % at +0 s) in 1100 ms: 0.1000 → -0.4000 (below 0); ' +
        'risk_drawdown_ratio did not follow leg 1 (-4 % at +0 s) within 5000 ms: it went 0.01000 → 0.03000, expected above 0.05 and away from 0.01000',
    });
  });

  it('times a metric first scraped after the tick from no sample', async () => {
    series = { risk_sharpe_ratio: [null, null, null, null, null, null, -0.4, -0.4, -0.4, -0.4] };
    expect((await check.run(context)).detail).toBe(
      'risk_sharpe_ratio followed leg 1 (-4 % at +0 s) in 1100 ms: no sample → -0.4000 (below 0)',
    );
    series = { risk_sharpe_ratio: [null, null, null, null, null, null, 0.3, 0.3, 0.3, 0.3] };
    expect((await check.run(context)).detail).toMatch(/within 5000 ms: it went no sample → 0\.3000, expected below 0$/);
  });

  it('tells a metric that moved the wrong way, or moved back, from one that stayed', async () => {
    series = { risk_sharpe_ratio: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.3, 0.3, 0.3] };
    expect((await check.run(context)).detail).toMatch(/within 5000 ms: it went 0\.1000 → 0\.3000, expected below 0 and away from 0\.1000$/);
    series = { risk_sharpe_ratio: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.1, 0.1] };
    expect((await check.run(context)).detail).toMatch(/within 5000 ms: it went 0\.1000 → 0\.1000, 0\.3000, expected below 0 /);
  });

  it('does not take values without their computation time as computed after the move; before it, their scrape time counts', async () => {
    stub.updates = false;
    series = { risk_sharpe_ratio: [0.3, 0.2, 0.1, 0.2, 0.1, 0.15, -0.4, -0.35, -0.3, -0.3] };
    expect((await check.run(context)).detail).toBe(
      'risk_sharpe_ratio did not follow leg 1 (-4 % at +0 s) within 5000 ms: Prometheus scraped no sample of it computed after the move, expected below 0 and away from 0.1000',
    );
  });

  it('prints values of a hundred and more as whole numbers', async () => {
    const pnl = riskFollowsMarket({ withinMs: 5_000, follows: [{ metric: 'risk_pnl', leg: 0, below: -50 }] });
    series = { risk_pnl: [20, 20, 20, 20, 20, 20, -100, -250.4, -250.4, -250.4] };
    expect((await pnl.run(context)).detail).toBe('risk_pnl followed leg 1 (-4 % at +0 s) in 1100 ms: 20.00 → -100 (below -50)');
  });

  it('names a leg market data never published, with its move and time', async () => {
    stub.legs = [firstLeg, { atMs: 30_000, factor: 1, firstTickAt: null }, { atMs: 60_000, factor: 1.05, firstTickAt: null }];
    const later = riskFollowsMarket({
      withinMs: 5_000,
      follows: [
        { metric: 'risk_pnl', leg: 1, above: 0 },
        { metric: 'risk_pnl', leg: 2, above: 0 },
        { metric: 'risk_pnl', leg: 3, above: 0 },
      ],
    });
    expect(await later.run(context)).toEqual({
      ok: false,
      detail:
        'risk_pnl: market data never published leg 2 (0 % at +30 s); risk_pnl: market data never published leg 3 (+5 % at +60 s); ' +
        'risk_pnl: market data never published leg 4',
    });
  });

  it('stops asking market data when the run is aborted', async () => {
    await expect(check.run({ ...context, signal: AbortSignal.abort() })).rejects.toThrow(/aborted/);
  });
});
