import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertFiresOnlyWhen } from '../../src/probes/alert-gated.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';

// A stand-in for Prometheus' rules and query APIs (the real one: the
// market-shock scenario, and test/risk with the gate removed from the rule).
const activeAt = '2026-12-01T19:22:22.456Z';
let state: { firing: boolean; drawdownAtActive: number; answers: boolean } = { firing: true, drawdownAtActive: 0.07, answers: true };
const queriedAt: string[] = [];

const server = createServer((request, response) => {
  const url = new URL(request.url!, 'http://stub');
  const json = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (!state.answers) return response.writeHead(503).end('{}');
  if (url.pathname === '/api/v1/rules') {
    const alerts = state.firing ? [{ state: 'firing', activeAt, labels: {}, annotations: {}, value: '-0.4' }] : [];
    return json({ status: 'success', data: { groups: [{ rules: [{ type: 'alerting', name: 'SharpeRatioLow', duration: 3, alerts }] }] } });
  }
  queriedAt.push(url.searchParams.get('time') ?? '');
  const gate = url.searchParams.get('query')!.includes('>');
  const open = state.drawdownAtActive > 0.05;
  const result = gate && !open ? [] : [{ metric: {}, value: [0, String(state.drawdownAtActive)] }];
  return json({ status: 'success', data: { resultType: 'vector', result } });
});
let context: ProbeContext;
const gate = { expr: 'max(risk_drawdown_ratio) > 0.05', shows: 'max(risk_drawdown_ratio)' };

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = {
    env: { id: 'e', runtime: 'local', variables: () => ({ PROMETHEUS_URL: url }) },
    signal: new AbortController().signal,
  } as unknown as ProbeContext;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('alertFiresOnlyWhen', () => {
  it('holds while the alert is not firing, and while it fires having become active with its gate open', async () => {
    state = { firing: false, drawdownAtActive: 0, answers: true };
    expect(await alertFiresOnlyWhen('SharpeRatioLow', gate).observe(context)).toEqual({ ok: true, detail: 'SharpeRatioLow not firing' });
    state = { firing: true, drawdownAtActive: 0.07, answers: true };
    expect((await alertFiresOnlyWhen('SharpeRatioLow', gate).observe(context)).ok).toBe(true);
  });

  it('fails when the gate was closed at the alert’s activeAt, asking Prometheus at that moment and saying what it saw', async () => {
    state = { firing: true, drawdownAtActive: 0.028, answers: true };
    queriedAt.length = 0;
    expect(await alertFiresOnlyWhen('SharpeRatioLow', gate).observe(context)).toEqual({
      ok: false,
      detail:
        'SharpeRatioLow is firing (active since 2026-12-01T19:22:22.456Z, value -0.4) but its gate max(risk_drawdown_ratio) > 0.05 ' +
        'did not hold then (max(risk_drawdown_ratio) = 0.028): the alert fired before its gate opened',
    });
    expect(queriedAt).toEqual([(Date.parse(activeAt) / 1000).toFixed(3), (Date.parse(activeAt) / 1000).toFixed(3)]);
  });

  it('holds through a Prometheus that does not answer for up to graceMs, then does not', async () => {
    state = { firing: true, drawdownAtActive: 0.07, answers: false };
    expect((await alertFiresOnlyWhen('SharpeRatioLow', gate, { graceMs: 60_000 }).observe(context)).ok).toBe(true);
    const impatient = alertFiresOnlyWhen('SharpeRatioLow', gate, { graceMs: 0 });
    await impatient.observe(context);
    await sleep(5);
    const seen = await impatient.observe(context);
    expect(seen.ok).toBe(false);
    expect(seen.detail).toMatch(/^Prometheus has not answered for \d+ ms: .*answered 503/);
  });

  it('counts the silence from each run’s first look, not from when the scenario was defined', async () => {
    state = { firing: true, drawdownAtActive: 0.07, answers: false };
    // A grace of 1 s: a look answered 503 within it even on a loaded machine (50 ms was not always).
    const probe = alertFiresOnlyWhen('SharpeRatioLow', gate, { graceMs: 1_000 });
    await sleep(1_100); // the scenario file was loaded long before this run
    expect((await probe.observe(context)).ok).toBe(true);
    await sleep(1_100);
    expect((await probe.observe(context)).ok).toBe(false);
    const nextRun = { ...context, env: { ...context.env } } as ProbeContext;
    expect((await probe.observe(nextRun)).ok).toBe(true);
  });
});
