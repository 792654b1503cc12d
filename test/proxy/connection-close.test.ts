// How a proxied connection closes when a toxic closes it (Connection.close):
// what was sent is flushed and both sockets go at once, however long the peers
// keep their own side open, and a peer that reads nothing holds it at most the
// flush limit (2 s). Real TCP on loopback, the Connection built directly.
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../../src/proxy/connection.ts';
import { createRandom } from '../../src/proxy/random.ts';
import { ToxicCollection } from '../../src/proxy/toxic-collection.ts';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Two ends of one loopback TCP connection, both keeping their side open after the other's FIN, as the proxy's do. */
async function socketPair(unixPath?: string): Promise<[outside: Socket, proxySide: Socket]> {
  const server = createServer({ allowHalfOpen: true });
  servers.push(server);
  await new Promise<void>((resolve) => (unixPath ? server.listen(unixPath, resolve) : server.listen(0, '127.0.0.1', resolve)));
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const outside = unixPath
    ? createConnection({ path: unixPath, allowHalfOpen: true })
    : createConnection({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', allowHalfOpen: true });
  const [proxySide] = await accepted;
  await once(outside, 'connect');
  outside.on('error', () => {}); // EPIPE / ECONNRESET once the proxy has dropped it: what the tests provoke
  sockets.push(outside, proxySide);
  return [outside, proxySide];
}

/** A client and an upstream server joined by a Connection with no toxics (over Unix sockets in `dir`, if given). */
async function proxied(dir?: string) {
  const [client, proxyClientSide] = await socketPair(dir && join(dir, 'client.sock'));
  const [upstream, proxyUpstreamSide] = await socketPair(dir && join(dir, 'upstream.sock'));
  const connection = new Connection(proxyClientSide, proxyUpstreamSide, {
    toxics: new ToxicCollection('p'),
    random: createRandom(1),
    toxicityRandom: createRandom(2),
  });
  return { client, upstream, connection };
}

const msSince = (start: number) => performance.now() - start;

describe('Connection.close', () => {
  it('ends both sides after what was sent, and is gone at once though neither peer closes its own side', async () => {
    const { client, upstream, connection } = await proxied();
    const received: Buffer[] = [];
    client.on('data', (chunk: Buffer) => received.push(chunk));
    const clientEnded = once(client, 'end');
    const upstreamEnded = once(upstream.resume(), 'end');
    upstream.write('last words');
    await new Promise((resolve) => client.once('data', resolve));
    const start = performance.now();
    connection.close();
    await Promise.all([clientEnded, upstreamEnded, connection.closed]);
    expect(Buffer.concat(received).toString()).toBe('last words');
    // The flush limit is 2 s; closing once the FIN is out takes milliseconds (tolerance: half the limit, for a loaded machine).
    expect(msSince(start)).toBeLessThan(1000);
  });

  it('destroys a connection whose peer reads nothing once the flush limit (2 s) has passed', async () => {
    const { client, upstream, connection } = await proxied();
    client.pause(); // reads nothing: what upstream sends piles up in the proxy's socket
    const chunk = Buffer.alloc(1 << 20);
    while (upstream.write(chunk)) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the proxy's buffer towards the client fills too
    const start = performance.now();
    connection.close();
    await connection.closed;
    // Tolerance: from the limit's 2 s, 0.3 s early (timer granularity) to 3 s late (a loaded machine).
    expect(msSince(start)).toBeGreaterThan(1700);
    expect(msSince(start)).toBeLessThan(5000);
  }, 10_000);
});

describe('Connection.reset', () => {
  it('drops both sides, also over sockets that cannot send a TCP reset (Unix domain)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-conn-'));
    try {
      const { client, upstream, connection } = await proxied(dir);
      const ended = [once(client.resume(), 'end'), once(upstream.resume(), 'end')]; // no RST here: each peer reads the end
      connection.reset();
      await Promise.all([...ended, connection.closed]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
