import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertFiring, alertQuiet } from '../../src/probes/alert-state.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';

// A stand-in for Prometheus' rules API: what it answers is set per test
// (a real Prometheus firing real alerts: test/prometheus, and every gate scenario).
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const server = createServer((_, response) =>
  response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body)),
);
let context: ProbeContext;

const rules = (alerts: { state: 'pending' | 'firing'; activeAt: string }[]) => ({
  status: 'success',
  data: {
    groups: [
      {
        rules: [
          {
            type: 'alerting',
            name: 'ServiceDown',
            duration: 10,
            alerts: alerts.map((a) => ({ ...a, labels: { alertname: 'ServiceDown', job: 'risk' }, annotations: {}, value: '0' })),
          },
        ],
      },
    ],
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = {
    env: { id: 'e', runtime: 'local', variables: () => ({ PROMETHEUS_URL: url }) },
    signal: new AbortController().signal,
  } as unknown as ProbeContext;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('alertFiring', () => {
  it("says since when the alert fires by Prometheus' clock: activeAt plus the rule's for", async () => {
    answer = { status: 200, body: rules([{ state: 'firing', activeAt: '2026-11-26T10:00:00.000Z' }]) };
    const seen = await alertFiring('ServiceDown', { job: 'risk' }).observe(context);
    expect(seen).toMatchObject({ ok: true, since: Date.parse('2026-11-26T10:00:10.000Z') });
    expect((await alertFiring('ServiceDown', { job: 'exchange' }).observe(context)).ok).toBe(false);
  });

  it('names an alert Prometheus has no rule for', async () => {
    answer = { status: 200, body: rules([]) };
    await expect(alertFiring('RedisDwn').observe(context)).rejects.toThrow(/has no alerting rule named RedisDwn/);
  });
});

describe('alertQuiet', () => {
  it('holds while the alert is pending or absent, not while it fires', async () => {
    const quiet = alertQuiet('ServiceDown');
    answer = { status: 200, body: rules([{ state: 'pending', activeAt: '2026-11-26T10:00:00.000Z' }]) };
    expect((await quiet.observe(context)).ok).toBe(true);
    answer = { status: 200, body: rules([{ state: 'firing', activeAt: '2026-11-26T10:00:00.000Z' }]) };
    expect(await quiet.observe(context)).toMatchObject({ ok: false, detail: expect.stringContaining('ServiceDown{job="risk"} firing') });
  });

  it('rides out a Prometheus that does not answer for a moment, not for longer than its grace', async () => {
    const quiet = alertQuiet('ServiceDown', {}, { graceMs: 300 });
    answer = { status: 200, body: rules([]) };
    expect((await quiet.observe(context)).ok).toBe(true);
    answer = { status: 503, body: { status: 'error', error: 'overloaded' } };
    expect((await quiet.observe(context)).ok).toBe(true);
    await sleep(400);
    expect(await quiet.observe(context)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^Prometheus has not answered for \d+ ms: .*answered 503: overloaded/),
    });
  });
});
