// A client whose upstream cannot be reached is dropped, and the proxy goes on.
import { createServer } from 'node:net';
import { Toxiproxy } from 'toxiproxy-node-client';
import { describe, expect } from 'vitest';
import { connect, portOf, record, roundTripMs, test } from './support.ts';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('dialing the upstream', () => {
  test('a refused upstream drops the client at once; the proxy and its other proxies go on', async ({ server, proxy }) => {
    const dead = await new Toxiproxy(server.url).createProxy({
      name: 'dead',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${await closedPort()}`,
    });
    const started = performance.now();
    const client = await connect(portOf(dead));
    const closed = await record(client).closed;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(closed.ended || closed.code !== undefined).toBe(true);
    const alive = await connect(portOf(proxy));
    expect(await roundTripMs(alive)).toBeLessThan(1000);
    alive.destroy();
    expect((await fetch(`${server.url}/proxies/dead`)).status).toBe(200);
  });
});
