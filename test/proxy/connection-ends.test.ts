// How a proxied connection ends: a reset on one side drops the other, each
// side's half-close passes through, and a limit that closes both flushes what
// was sent first. Real TCP on loopback.
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { connect, listen, portOf, record, roundTripMs, type TcpServer } from './support.ts';

let server: ProxyServer;
let upstream: TcpServer;
let upstreamSockets: Socket[];
let onUpstream: (socket: Socket) => void;
beforeEach(async () => {
  upstreamSockets = [];
  onUpstream = (socket) => socket.pipe(socket);
  upstream = await listen((socket) => {
    upstreamSockets.push(socket);
    onUpstream(socket);
  });
  server = await startProxyServer({ seed: 7 });
});
afterEach(async () => {
  await server.close();
  await upstream.close();
});

const proxied = async () => {
  const proxy = await new Toxiproxy(server.url).createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` });
  return { proxy, port: portOf(proxy) };
};

describe('connection ends', () => {
  it('an upstream that resets drops the client too, and the proxy serves the next connection', async () => {
    onUpstream = (socket) => socket.once('data', () => socket.resetAndDestroy());
    const { port } = await proxied();
    const client = await connect(port);
    const received = record(client);
    client.write('x');
    const closed = await received.closed;
    // FIN or RST, either way closed.
    expect(closed.ended || closed.code !== undefined).toBe(true);
    onUpstream = (socket) => socket.pipe(socket);
    const next = await connect(port);
    expect(await roundTripMs(next)).toBeLessThan(1000);
    next.destroy();
  });

  it('a client that resets drops the upstream side', async () => {
    const { port } = await proxied();
    const client = await connect(port);
    expect(await roundTripMs(client)).toBeLessThan(1000);
    const side = upstreamSockets.at(-1)!;
    const gone = once(side, 'close');
    client.resetAndDestroy();
    await gone;
    expect(side.destroyed).toBe(true);
  });

  it("passes the client's half-close to the upstream, which can still answer", async () => {
    onUpstream = (socket) => {
      const parts: Buffer[] = [];
      socket.on('data', (data: Buffer) => parts.push(data));
      socket.on('end', () => socket.end(`got ${Buffer.concat(parts).toString()}`));
    };
    const { port } = await proxied();
    const client = await connect(port);
    const received = record(client);
    client.end('hello');
    expect((await received.closed).ended).toBe(true);
    expect(received.bytes().toString()).toBe('got hello');
  });

  it("passes the upstream's half-close to the client, which can still send", async () => {
    let heard = '';
    onUpstream = (socket) => {
      socket.end('bye');
      socket.on('data', (data: Buffer) => {
        heard += data.toString();
      });
    };
    const { port } = await proxied();
    const client = createConnection({ port, host: '127.0.0.1', allowHalfOpen: true });
    await once(client, 'connect');
    const received = record(client);
    await once(client, 'end');
    expect(received.bytes().toString()).toBe('bye');
    client.write('still here');
    await expect.poll(() => heard, { timeout: 2000 }).toBe('still here');
    client.destroy();
  });

  it('a toxic that closes the connection delivers what it let through first, to both ends', async () => {
    const { proxy, port } = await proxied();
    await proxy.addToxic({ name: 'limit', type: 'limit_data', stream: 'downstream', toxicity: 1, attributes: { bytes: 5 } });
    const client = await connect(port);
    const received = record(client);
    client.write('hello world');
    const closed = await received.closed;
    expect(received.bytes().toString()).toBe('hello');
    expect(closed.ended).toBe(true);
    await expect.poll(() => upstreamSockets.at(-1)?.destroyed, { timeout: 3000 }).toBe(true);
  });
});
