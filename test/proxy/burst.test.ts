// A burst of connections: every one is accepted at once. With a listen
// backlog smaller than the burst, the kernel drops the SYNs that find the
// accept queue full and those clients retry a second later (Node's default
// backlog, 511, did that to half of a 1,000-connection burst).
import { type AddressInfo, connect as netConnect, createServer, type Socket } from 'node:net';
import { expect } from 'vitest';
import { portOf, test } from './support.ts';

const burst = 1000;
/** A SYN dropped for a full accept queue is retried after 1 s (the initial RTO): any connect taking that long waited for one. */
const synRetryMs = 1000;

test(`a burst of ${burst} connections is accepted without any SYN retry`, async ({ toxiproxy }) => {
  const upstream = await deepListener();
  const proxy = await toxiproxy.createProxy({ name: 'burst', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` });
  const sockets: Socket[] = [];
  try {
    const started = performance.now();
    // Every connect() is issued before this process accepts any: the whole
    // burst lands in the proxy's accept queue at once.
    const connectMs = await Promise.all(
      Array.from({ length: burst }, () => {
        const socket = netConnect({ port: portOf(proxy), host: '127.0.0.1' });
        sockets.push(socket);
        return new Promise<number>((resolve, reject) => {
          socket.once('connect', () => resolve(performance.now() - started));
          socket.once('error', reject);
        });
      }),
    );
    const slow = connectMs.filter((ms) => ms >= synRetryMs).length;
    expect({ slow, slowestMs: Math.round(Math.max(...connectMs)) }).toEqual({ slow: 0, slowestMs: expect.any(Number) });
  } finally {
    for (const socket of sockets) socket.destroy();
    await upstream.close();
  }
});

/** An upstream that never holds the proxy back: it accepts the whole burst too. */
async function deepListener(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 65535 }, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
