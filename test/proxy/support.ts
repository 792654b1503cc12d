// Real TCP on loopback for the proxy's tests: an echo upstream, a client
// socket with what it received and when, and a fixture that starts a proxy
// server with one proxy "echo" in front of the echo server.
import { connect as netConnect, createServer, type Socket } from 'node:net';
import { Toxiproxy, type Proxy as ToxiproxyProxy } from 'toxiproxy-node-client';
import { test as base } from 'vitest';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';

export interface TcpServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(onSocket: (socket: Socket) => void): Promise<TcpServer> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Echoes everything back and half-closes when the client does. */
export const echo = (socket: Socket) => socket.pipe(socket);

export async function connect(port: number): Promise<Socket> {
  const socket = netConnect({ port, host: '127.0.0.1', noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

export interface Received {
  readonly chunks: { atMs: number; size: number }[];
  bytes(): Buffer;
  /** Resolves when the peer ended (FIN) or the socket closed: when, whether it was an end, and the error code. */
  readonly closed: Promise<{ atMs: number; ended: boolean; code?: string }>;
}

export function record(socket: Socket): Received {
  const chunks: { atMs: number; size: number }[] = [];
  const buffers: Buffer[] = [];
  let ended = false;
  let code: string | undefined;
  socket.on('data', (data: Buffer) => {
    chunks.push({ atMs: performance.now(), size: data.length });
    buffers.push(data);
  });
  socket.on('error', (error: NodeJS.ErrnoException) => (code = error.code));
  const closed = new Promise<{ atMs: number; ended: boolean; code?: string }>((resolve) => {
    const done = () => resolve({ atMs: performance.now(), ended, ...(code ? { code } : {}) });
    socket.once('end', () => {
      ended = true;
      done();
    });
    socket.once('close', done);
  });
  return { chunks, bytes: () => Buffer.concat(buffers), closed };
}

/** Writes `payload` and waits for as many bytes back; the round trip in ms. */
export async function roundTripMs(socket: Socket, payload = 'ping'): Promise<number> {
  const started = performance.now();
  let wanted = Buffer.byteLength(payload);
  await new Promise<void>((resolve, reject) => {
    const onData = (data: Buffer) => {
      wanted -= data.length;
      if (wanted > 0) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(payload);
  });
  return performance.now() - started;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function portOf(proxy: ToxiproxyProxy): number {
  return Number(proxy.listen.slice(proxy.listen.lastIndexOf(':') + 1));
}

export interface ProxyFixtures {
  echoServer: TcpServer;
  server: ProxyServer;
  toxiproxy: Toxiproxy;
  /** A proxy named "echo" in front of echoServer. */
  proxy: ToxiproxyProxy;
}

export const test = base.extend<ProxyFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from its destructured first argument
  echoServer: async ({}, use) => {
    const server = await listen(echo);
    await use(server);
    await server.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from its destructured first argument
  server: async ({}, use) => {
    const server = await startProxyServer({ seed: 7 });
    await use(server);
    await server.close();
  },
  toxiproxy: async ({ server }, use) => use(new Toxiproxy(server.url)),
  proxy: async ({ toxiproxy, echoServer }, use) => {
    await use(await toxiproxy.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echoServer.port}` }));
  },
});
