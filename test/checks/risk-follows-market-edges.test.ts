import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskFollowsMarket } from '../../src/checks/risk-follows-market.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';

// Stand-ins for market data's shock record and Prometheus' query API, as in
// risk-follows-market.test.ts, but this Prometheus answers only the query the
// check must ask: each metric over withinMs + 30 s, at the tick plus withinMs.
const tickAtMs = 1_800_000_000_000;
const withinMs = 5_000;
let legs: unknown[] = [];
let series: Record<string, [number, number][]> = {};
let shockStatus = 200;
const asked: string[] = [];

const server = createServer((request, response) => {
  const url = new URL(request.url!, 'http://stub');
  const json = (status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (url.pathname === '/admin/shock') return json(shockStatus, { legs });
  const query = url.searchParams.get('query') ?? '';
  asked.push(`${query} @${url.searchParams.get('time')}`);
  const metric = /^(\w+)\[35s\]$/.exec(query)?.[1];
  if (!metric || url.searchParams.get('time') !== ((tickAtMs + withinMs) / 1000).toFixed(3))
    return json(400, { status: 'error', error: 'unexpected query' });
  const values = series[metric];
  return json(200, {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: values ? [{ metric: { __name__: metric }, values: values.map(([at, v]) => [at / 1000, String(v)]) }] : [],
    },
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

/** Samples scraped at tick + k s, each computed 400 ms before its scrape. */
function scraped(metric: string, values: number[], fromS = -2) {
  const at = values.map((_, i) => tickAtMs + (fromS + i) * 1000 + 100);
  series = {
    ...series,
    [metric]: at.map((t, i) => [t, values[i]!]),
    risk_last_update_timestamp_seconds: at.map((t) => [t, (t - 400) / 1000]),
  };
}
const leg = (factor: number, atMs: number, firstTickAt: string | null = new Date(tickAtMs).toISOString()) => ({
  atMs,
  factor,
  firstTickAt,
});

describe('riskFollowsMarket, more cases', () => {
  it('asks Prometheus for the window it judges, and holds when every metric followed, joining the details', async () => {
    legs = [leg(1.05, 2500)];
    series = {};
    scraped('risk_pnl', [10, 10, 10, 150.6, 160]);
    scraped('risk_drawdown_ratio', [0.01, 0.01, 0.01, 0.02, 0.02]);
    const check = riskFollowsMarket({
      withinMs,
      follows: [
        { metric: 'risk_pnl', leg: 0, above: 100 },
        { metric: 'risk_drawdown_ratio', leg: 0, above: 0.015, below: 0.5 },
      ],
    });
    expect(await check.run(context)).toEqual({
      ok: true,
      detail:
        'risk_pnl followed leg 1 (+5 % at +2.5 s) in 1100 ms: 10.00 → 151 (above 100); ' +
        'risk_drawdown_ratio followed leg 1 (+5 % at +2.5 s) in 1100 ms: 0.01000 → 0.02000 (below 0.5 and above 0.015)',
    });
    expect(asked).toContain(`risk_pnl[35s] @${((tickAtMs + withinMs) / 1000).toFixed(3)}`);
  });

  it('fails when any one metric did not follow', async () => {
    legs = [leg(0.96, 0)];
    series = {};
    scraped('risk_pnl', [10, 10, 10, -50, -60]);
    scraped('risk_sharpe_ratio', [0.5, 0.5, 0.5, 0.5, 0.5]);
    const check = riskFollowsMarket({
      withinMs,
      follows: [
        { metric: 'risk_pnl', leg: 0, below: 0 },
        { metric: 'risk_sharpe_ratio', leg: 0, below: 0 },
      ],
    });
    const seen = await check.run(context);
    expect(seen.ok).toBe(false);
    expect(seen.detail).toMatch(/^risk_pnl followed .*; risk_sharpe_ratio did not follow .*: it stayed at 0\.5000 \(2 samples\)/);
  });

  it('fails a leg market data never published, or does not have', async () => {
    legs = [leg(0.96, 0, null)];
    const check = riskFollowsMarket({
      withinMs,
      follows: [
        { metric: 'risk_pnl', leg: 0, below: 0 },
        { metric: 'risk_pnl', leg: 1, below: 0 },
      ],
    });
    expect(await check.run(context)).toEqual({
      ok: false,
      detail: 'risk_pnl: market data never published leg 1 (-4 % at +0 s); risk_pnl: market data never published leg 2',
    });
  });

  it('names market data answering an error', async () => {
    shockStatus = 503;
    try {
      await expect(riskFollowsMarket({ withinMs, follows: [] }).run(context)).rejects.toThrow(
        /^GET http:\/\/127\.0\.0\.1:\d+\/admin\/shock answered 503$/,
      );
    } finally {
      shockStatus = 200;
    }
  });
});
