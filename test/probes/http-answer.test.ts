import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpStatus } from '../../src/probes/http-status.ts';
import { not, type ProbeContext } from '../../src/probes/probe.ts';
import { reportsNotReady } from '../../src/probes/readiness-report.ts';

// A detection signal is the system's answer, never the probe giving up: an
// in-process /readyz that hangs, answers late, answers 200, or answers 503
// naming one dependency or another.
describe('readiness probes tell unanswered from answered not ready', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    server?.close();
  });

  async function readyz(delayMs: number, status: number, body: object): Promise<ProbeContext> {
    server = createServer((_request, response) => {
      if (delayMs < 0) return; // never answers
      setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)), delayMs);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { env: { service: () => ({ url }) } } as unknown as ProbeContext;
  }
  const notReady = {
    ready: false,
    checks: { postgres: { ok: false, reason: 'SELECT 1 did not complete within 1500ms' }, redis: { ok: true } },
  };

  it('a /readyz that hangs is not detection, by either probe: unanswered, with the probe timeout', async () => {
    const context = await readyz(-1, 200, {});
    const negated = await not(httpStatus('order-gateway', '/readyz', 200, 300)).observe(context);
    expect(negated).toEqual({
      ok: false,
      answered: false,
      detail: "unanswered, so not evidence either way: /readyz: no answer within the probe's 300 ms timeout",
    });
    const report = await reportsNotReady('order-gateway', { dependency: 'postgres', timeoutMs: 300 }).observe(context);
    expect(report).toMatchObject({ ok: false, answered: false });
  });

  it('a 200 that comes after the checks is an answer of ready, not a detection (the old 1 s probe gave up first)', async () => {
    const context = await readyz(400, 200, { ...notReady, ready: false });
    const report = await reportsNotReady('order-gateway', { dependency: 'postgres', timeoutMs: 1000 }).observe(context);
    expect(report).toMatchObject({
      ok: false,
      answered: true,
      detail: expect.stringMatching(/^\/readyz answered 200 in \d+ ms \(probe timeout 1000 ms\)/),
    });
    expect((await not(httpStatus('order-gateway', '/readyz', 200, 200)).observe(context)).ok).toBe(false);
  });

  it('a 503 naming the dependency within the timeout is detection; naming another is not', async () => {
    const context = await readyz(100, 503, notReady);
    expect(await reportsNotReady('order-gateway', { dependency: 'postgres' }).observe(context)).toMatchObject({
      ok: true,
      answered: true,
      detail: expect.stringMatching(/^\/readyz answered 503 in \d+ ms \(probe timeout 3000 ms\): \{"ready":false/),
    });
    const other = await reportsNotReady('order-gateway', { dependency: 'redis' }).observe(context);
    expect(other).toMatchObject({ ok: false, detail: expect.stringMatching(/not naming redis as failing$/) });
    expect(await not(httpStatus('order-gateway', '/readyz')).observe(context)).toMatchObject({ ok: true, answered: true });
  });
});
