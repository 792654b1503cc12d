import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskFollowsMarket } from '../../src/checks/risk-follows-market.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';

// Stand-ins for market data's shock record and Prometheus' query API (the
// real ones: the market-shock scenario and test/risk). Scrapes every second,
// 100 ms after each whole second from the tick; each scrape shows the risk
// computation of 400 ms before it, so the first scrape after the tick still
// shows a value computed before it.
const tickAtMs = 1_800_000_000_000;
const scrapes = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4].map((k) => tickAtMs + k * 1000 + 100);
let series: Record<string, number[]> = {};

const server = createServer((request, response) => {
  const url = new URL(request.url!, 'http://stub');
  const json = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (url.pathname === '/admin/shock') return json({ legs: [{ atMs: 0, factor: 0.96, firstTickAt: new Date(tickAtMs).toISOString() }] });
  const metric = /^(\w+)\[\d+s\]$/.exec(url.searchParams.get('query') ?? '')?.[1] ?? '';
  const values = metric === 'risk_last_update_timestamp_seconds' ? scrapes.map((at) => (at - 400) / 1000) : series[metric];
  const samples = (values ?? []).map((value, i) => [scrapes[i]! / 1000, String(value)]);
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
    env: { id: 'e', runtime: 'local', variables: () => ({ PROMETHEUS_URL: url }), service: () => ({ url }) },
    signal: new AbortController().signal,
  } as unknown as CheckContext;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const check = riskFollowsMarket({ withinMs: 5_000, follows: [{ metric: 'risk_sharpe_ratio', leg: 0, below: 0 }] });
//                      scrape:  -4.9  -3.9  -2.9  -1.9  -0.9  +0.1  +1.1  +2.1  +3.1  +4.1 s

describe('riskFollowsMarket', () => {
  it('times the first value computed after the tick that is past the threshold and moved', async () => {
    series = { risk_sharpe_ratio: [0.3, 0.2, 0.1, 0.2, 0.1, 0.15, -0.4, -0.35, -0.3, -0.3] };
    expect(await check.run(context)).toEqual({
      ok: true,
      detail: 'risk_sharpe_ratio followed leg 1 (-4 % at +0 s) in 1100 ms: 0.1500 → -0.4000 (below 0)',
    });
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
});
