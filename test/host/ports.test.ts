import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralRangeStart, freePort } from '../../src/host/ports.ts';

describe('freePort', () => {
  it('hands out distinct loopback ports below the ephemeral range, each one free to listen on', async () => {
    const ports = await Promise.all(Array.from({ length: 200 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(ephemeralRangeStart());
    }
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the ephemeral range the kernel uses for outgoing connections', () => {
    expect(ephemeralRangeStart()).toBeGreaterThan(11_000);
  });
});
