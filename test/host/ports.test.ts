import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
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

  it("never hands out a port fetch refuses (the Fetch standard's bad port 10080)", async () => {
    const span = ephemeralRangeStart() - 10_000;
    // The first draw lands on 10080, the next on 10081.
    const draws = vi
      .spyOn(Math, 'random')
      .mockReturnValueOnce((80 + 0.5) / span)
      .mockReturnValueOnce((81 + 0.5) / span);
    try {
      expect(await freePort()).toBe(10_081);
    } finally {
      draws.mockRestore();
    }
    await expect(fetch('http://127.0.0.1:10080/')).rejects.toThrow(/fetch failed/); // what the harness would have seen
  });

  it('reads the ephemeral range the kernel uses for outgoing connections', () => {
    expect(ephemeralRangeStart()).toBeGreaterThan(11_000);
  });
});
