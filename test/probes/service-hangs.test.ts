import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { serviceHangs } from '../../src/probes/service-hangs.ts';

// A hang is told apart from a crash by how the connection goes: taken and left
// unanswered (hung) versus refused (nothing listens: dead). In-process servers.
describe('serviceHangs: connections taken, nothing answered', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  async function healthz(answer: boolean): Promise<ProbeContext> {
    server = createServer((_request, response) => {
      if (answer) response.end('{"status":"ok"}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return contextFor((server.address() as AddressInfo).port);
  }
  const contextFor = (port: number) => ({ env: { service: () => ({ url: `http://127.0.0.1:${port}` }) } }) as unknown as ProbeContext;
  const probe = serviceHangs('order-gateway', { path: '/healthz', timeoutMs: 300 });

  it('holds when the service takes the connection and answers nothing within the timeout, saying so', async () => {
    expect(probe.name).toBe('order-gateway takes connections but does not answer /healthz within 300 ms (hung)');
    const started = performance.now();
    expect(await probe.observe(await healthz(false))).toEqual({
      ok: true,
      answered: false,
      detail: "/healthz: no answer within the probe's 300 ms timeout: the connection is open and nothing answers",
    });
    // It waited out its timeout before saying so (tolerance: 10 ms of timer granularity).
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('does not hold on an answer, whatever its status', async () => {
    expect(await probe.observe(await healthz(true))).toMatchObject({
      ok: false,
      answered: true,
      detail: expect.stringMatching(/^\/healthz answered 200 in \d+ ms/),
    });
  });

  it('does not hold when nothing listens: a refused connection is a dead process, not a hung one', async () => {
    await healthz(true);
    const { port } = server!.address() as AddressInfo;
    server!.close();
    await once(server!, 'close');
    const seen = await probe.observe(contextFor(port));
    expect(seen).toMatchObject({ ok: false, answered: false });
    expect(seen.detail).toMatch(/^\/healthz: no answer: .*ECONNREFUSED.* — refused or cut, not hung: nothing is listening$/);
  });
});
