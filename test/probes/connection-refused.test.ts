import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectionRefused } from '../../src/probes/connection-refused.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';

const on = (port: number) => ({ env: { service: () => ({ port }) } }) as unknown as ProbeContext;

describe('connectionRefused', () => {
  it('holds only once nothing listens on the port', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const probe = connectionRefused('order-gateway');
    expect(await probe.observe(on(port))).toEqual({ ok: false, detail: `port ${port}: accepted` });
    await new Promise((resolve) => server.close(resolve));
    expect(await probe.observe(on(port))).toEqual({ ok: true, detail: `port ${port}: connection refused` });
  });
});
