import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRequestStorm } from '../../src/checks/no-request-storm.ts';
import type { StepTranscript } from '../../src/runbook/step.ts';
import { freePort } from '../../src/host/ports.ts';
import { waitForHttp } from '../../src/runtime/wait-for-http.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';

// The storm check against the real mock exchange: once a client has been told
// of its ban, any request from it fails the check, named, except the runbook
// guard's status probe made while that step ran.
describe('no-request-storm check', () => {
  let exchange: ChildProcess;
  let url: string;
  const check = noRequestStorm({ guardStepId: 'rate-gate.reset' });
  const context = (transcripts: StepTranscript[] = []) => ({ env: { service: () => ({ url }) }, transcripts }) as unknown as CheckContext;
  const ping = (client: string) => fetch(`${url}/api/v1/ping`, { headers: { 'x-client-id': client } }).then((r) => r.status);
  const order = (client: string, id: string) =>
    fetch(`${url}/api/v1/order`, {
      method: 'POST',
      headers: { 'x-client-id': client, 'content-type': 'application/json' },
      body: JSON.stringify({ clientOrderId: id, symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 }),
    });
  const guardRun = (startedAt: Date, durationMs: number) =>
    ({ stepId: 'rate-gate.reset', startedAt: startedAt.toISOString(), durationMs }) as StepTranscript;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    exchange = spawn(process.execPath, ['fixtures/ats/exchange/main.ts'], {
      env: { ...process.env, EXCHANGE_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    await waitForHttp(`${url}/healthz`, { what: 'mock exchange', timeoutMs: 10_000 });
  });
  afterAll(async () => {
    exchange.kill('SIGTERM');
    await once(exchange, 'exit');
  });

  it('passes on the 418 that tells of the ban and on the guard probe; fails naming each order sent after it', async () => {
    await fetch(`${url}/admin/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'rate-limit', throttleMs: 200, banMs: 5000 }),
    });
    expect(await ping('ats-gateway')).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ping('ats-gateway')).toBe(418); // the notice
    const told = await check.run(context());
    expect(told).toMatchObject({ ok: true, detail: expect.stringMatching(/^no request during a ban \(0 guard probe/) });

    const guardStarted = new Date();
    expect(await ping('ats-gateway')).toBe(418); // the runbook guard's status probe
    const guarded = await check.run(context([guardRun(guardStarted, Date.now() - guardStarted.getTime() + 1)]));
    expect(guarded).toMatchObject({ ok: true, detail: expect.stringContaining('1 guard probe(s) of "rate-gate.reset" left out') });
    const unguarded = await check.run(context());
    expect(unguarded.ok).toBe(false);
    expect(unguarded.detail).toMatch(
      /^1 request\(s\) reached the exchange after it had answered 418, extending the ban 0 time\(s\): GET \/api\/v1\/ping/,
    );

    const replies = await Promise.all([order('ats-gateway', 'o-1'), order('ats-gateway', 'o-2')]);
    expect(replies.map((r) => r.status)).toEqual([418, 418]);
    expect(Number(replies[1]!.headers.get('retry-after'))).toBeGreaterThan(5); // each order doubled the ban
    const stormed = await check.run(context([guardRun(guardStarted, Date.now() - guardStarted.getTime())]));
    expect(stormed.ok).toBe(false);
    expect(stormed.detail).toMatch(/^2 request\(s\) reached the exchange after it had answered 418, extending the ban 2 time\(s\): /);
    expect(stormed.detail).toMatch(/POST \/api\/v1\/order from "ats-gateway" at \S+, ban extended to \d+ s; POST \/api\/v1\/order/);
    expect(stormed.detail).not.toMatch(/GET \/api\/v1\/ping from/);
  });
});
