import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRequestStorm } from '../../src/checks/no-request-storm.ts';
import { freePort } from '../../src/runtime/local/ports.ts';
import { waitForHttp } from '../../src/runtime/wait-for-http.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';

// The storm check against the real mock exchange: a client that keeps pushing
// during a ban must make it fail, a client that stays quiet must not.
describe('no-request-storm check', () => {
  let exchange: ChildProcess;
  let url: string;
  const context = () => ({ env: { service: () => ({ url }) } }) as unknown as CheckContext;
  const ping = (client: string) => fetch(`${url}/api/v1/ping`, { headers: { 'x-client-id': client } }).then((r) => r.status);

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

  it('passes while the banned client stays quiet, and fails once it storms the exchange', async () => {
    await fetch(`${url}/admin/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'rate-limit', throttleMs: 200, banMs: 5000 }),
    });
    expect(await ping('ats-gateway')).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const quiet = await noRequestStorm(5).run(context());
    expect(quiet.ok).toBe(true);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => ping('ats-gateway')));
    expect(statuses.every((s) => s === 418)).toBe(true);
    const stormed = await noRequestStorm(5).run(context());
    expect(stormed.ok).toBe(false);
    expect(stormed.detail).toMatch(/^10 request\(s\) during the ban/);
  });
});
