// Every toxic's effect measured on real loopback TCP through the proxy. Timing
// tolerances are stated in each assertion; loopback round trips without
// toxics take well under 1 ms.
import type { Socket } from 'node:net';
import type { ICreateToxicBody, Proxy as ToxiproxyProxy, ToxicDirection } from 'toxiproxy-node-client';
import { describe, expect } from 'vitest';
import { startProxyServer } from '../../src/proxy/proxy-server.ts';
import { Toxiproxy } from 'toxiproxy-node-client';
import { connect, listen, median, portOf, record, roundTripMs, sleep, test } from './support.ts';

function toxic<T>(type: ICreateToxicBody<T>['type'], attributes: T, stream: ToxicDirection = 'downstream', toxicity = 1) {
  return { name: `${type}_${stream}`, type, stream, toxicity, attributes };
}

async function roundTrips(socket: Socket, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await roundTripMs(socket));
  return samples;
}

describe('latency', () => {
  test('adds the latency to each round trip (±20 %), keeps order, and follows live updates', async ({ proxy }) => {
    const socket = await connect(portOf(proxy));
    expect(median(await roundTrips(socket, 5))).toBeLessThan(20);
    const latency = await proxy.addToxic(toxic('latency', { latency: 100, jitter: 0 }));
    const rtts = await roundTrips(socket, 5);
    expect(median(rtts)).toBeGreaterThanOrEqual(80);
    expect(median(rtts)).toBeLessThanOrEqual(120);
    await latency.update({ ...latency.toJson(), attributes: { latency: 200, jitter: 0 } });
    const slower = median(await roundTrips(socket, 3));
    expect(slower).toBeGreaterThanOrEqual(160);
    expect(slower).toBeLessThanOrEqual(240);
    await latency.remove();
    expect(median(await roundTrips(socket, 5))).toBeLessThan(20);
    socket.destroy();
  });

  test('upstream and downstream latencies add up; jitter keeps each within ±jitter', async ({ proxy }) => {
    await proxy.addToxic(toxic('latency', { latency: 40, jitter: 0 }, 'upstream'));
    await proxy.addToxic(toxic('latency', { latency: 60, jitter: 20 }, 'downstream'));
    const socket = await connect(portOf(proxy));
    const rtts = await roundTrips(socket, 8);
    // 40 + (60 ± 20) ms: the median within ±20 % of 100 ms; every sample at
    // least 80 ms - 2 ms (timer granularity) and at most 120 ms + 30 ms (a busy machine).
    expect(median(rtts)).toBeGreaterThanOrEqual(80);
    expect(median(rtts)).toBeLessThanOrEqual(120);
    for (const rtt of rtts) expect(rtt).toBeGreaterThanOrEqual(78);
    for (const rtt of rtts) expect(rtt).toBeLessThanOrEqual(150);
    socket.destroy();
  });

  test('a stream of small writes arrives complete and in order', async ({ proxy }) => {
    await proxy.addToxic(toxic('latency', { latency: 30, jitter: 10 }));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    const sent = Array.from({ length: 300 }, (_, i) => `${i};`);
    for (const piece of sent) socket.write(piece);
    socket.end();
    await received.closed;
    expect(received.bytes().toString()).toBe(sent.join(''));
  });
});

describe('bandwidth', () => {
  test('limits a fast writer to the rate (100 KB/s ±20 %) without buffering it all', async ({ toxiproxy }) => {
    let flushedBytes = 0;
    const firehose = await listen((socket) => {
      const block = Buffer.alloc(64 * 1024, 7);
      const pump = () => {
        while (!socket.destroyed && socket.write(block, () => (flushedBytes += block.length)));
      };
      socket.on('drain', pump);
      pump();
    });
    const proxy = await toxiproxy.createProxy({ name: 'firehose', listen: '127.0.0.1:0', upstream: `127.0.0.1:${firehose.port}` });
    await proxy.addToxic(toxic('bandwidth', { rate: 100 }));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    await sleep(1300);
    const { chunks } = received;
    const first = chunks[0]!;
    const last = chunks.at(-1)!;
    const bytes = chunks.slice(1).reduce((sum, c) => sum + c.size, 0);
    const ratePerSecond = (bytes / (last.atMs - first.atMs)) * 1000;
    expect(ratePerSecond).toBeGreaterThanOrEqual(80_000);
    expect(ratePerSecond).toBeLessThanOrEqual(120_000);
    // Backpressure: the writer could hand the kernel only socket buffers plus
    // the proxy's bounded queue (1 MiB), not its endless stream.
    expect(flushedBytes).toBeLessThan(16 * 1024 * 1024);
    socket.destroy();
    await firehose.close();
  });
});

describe('timeout', () => {
  test('stops the data and closes the connection after the timeout (500 ms, -10 %/+40 %)', async ({ proxy }) => {
    await proxy.addToxic(toxic('timeout', { timeout: 500 }));
    const started = performance.now();
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    socket.write('ping');
    const closed = await received.closed;
    expect(received.bytes().length).toBe(0);
    expect(closed.atMs - started).toBeGreaterThanOrEqual(450);
    expect(closed.atMs - started).toBeLessThanOrEqual(700);
  });

  test('with 0 holds the data until the toxic is removed, then it flows again', async ({ proxy }) => {
    const stall = await proxy.addToxic(toxic('timeout', { timeout: 0 }));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    socket.write('held');
    await sleep(400);
    expect(received.bytes().length).toBe(0);
    expect(socket.destroyed).toBe(false);
    const removedAt = performance.now();
    await stall.remove();
    await expect.poll(() => received.bytes().toString(), { timeout: 1000, interval: 5 }).toBe('held');
    expect(received.chunks[0]!.atMs - removedAt).toBeLessThan(200);
    expect(await roundTripMs(socket)).toBeLessThan(50);
    socket.destroy();
  });
});

describe('reset_peer', () => {
  test('resets the connection (ECONNRESET) when data arrives, at once with 0', async ({ proxy }) => {
    await proxy.addToxic(toxic('reset_peer', { timeout: 0 }));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    socket.write('ping');
    const closed = await received.closed;
    expect(closed.code).toBe('ECONNRESET');
    expect(received.bytes().length).toBe(0);
  });

  test('waits the timeout first (300 ms, -5 %/+50 %)', async ({ proxy }) => {
    await proxy.addToxic(toxic('reset_peer', { timeout: 300 }, 'upstream'));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    const sentAt = performance.now();
    socket.write('ping');
    const closed = await received.closed;
    expect(closed.code).toBe('ECONNRESET');
    expect(closed.atMs - sentAt).toBeGreaterThanOrEqual(285);
    expect(closed.atMs - sentAt).toBeLessThanOrEqual(450);
  });
});

describe('limit_data', () => {
  test('closes the connection after exactly the limit', async ({ proxy }) => {
    await proxy.addToxic(toxic('limit_data', { bytes: 1000 }));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    socket.write(Buffer.alloc(300, 1));
    await sleep(20);
    socket.write(Buffer.alloc(5000, 2));
    const closed = await received.closed;
    expect(closed.ended).toBe(true);
    expect(received.bytes()).toEqual(Buffer.concat([Buffer.alloc(300, 1), Buffer.alloc(700, 2)]));
  });
});

describe('slicer', () => {
  test('fragments the stream into many small pieces, losing nothing', async ({ proxy }) => {
    await proxy.addToxic(toxic('slicer', { average_size: 10, size_variation: 5, delay: 500 }));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    const payload = Buffer.from(Array.from({ length: 100 }, (_, i) => `${i % 10}`.repeat(10)).join(''));
    socket.end(payload);
    await received.closed;
    expect(received.bytes()).toEqual(payload);
    // 1000 bytes in pieces of 5..15 bytes, 0.5 ms apart: expect dozens of reads, not one.
    expect(received.chunks.length).toBeGreaterThanOrEqual(30);
    expect(Math.max(...received.chunks.map((c) => c.size))).toBeLessThanOrEqual(60);
  });
});

describe('slow_close', () => {
  test('delays the close by the delay (300 ms, -5 %/+50 %)', async ({ proxy }) => {
    await proxy.addToxic(toxic('slow_close', { delay: 300 }));
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    expect(await roundTripMs(socket)).toBeLessThan(50);
    const endedAt = performance.now();
    socket.end();
    const closed = await received.closed;
    expect(closed.ended).toBe(true);
    expect(closed.atMs - endedAt).toBeGreaterThanOrEqual(285);
    expect(closed.atMs - endedAt).toBeLessThanOrEqual(450);
  });
});

describe('toxicity', () => {
  async function affected(proxy: ToxiproxyProxy, connections: number): Promise<boolean[]> {
    const result: boolean[] = [];
    for (let i = 0; i < connections; i++) {
      const socket = await connect(portOf(proxy));
      // Affected: ≥ 150 ms; unaffected: under 1 ms on loopback, so 100 ms leaves room for a busy machine.
      result.push((await roundTripMs(socket)) >= 100);
      socket.destroy();
    }
    return result;
  }

  test('0 never applies', async ({ proxy }) => {
    await proxy.addToxic(toxic('latency', { latency: 150, jitter: 0 }, 'downstream', 0));
    expect(await affected(proxy, 20)).not.toContain(true);
  });

  test('0.5 with a fixed seed decides the same connections every run', async ({ echoServer }) => {
    const runs: boolean[][] = [];
    for (let run = 0; run < 2; run++) {
      await using server = await startProxyServer({ seed: 1234 });
      const proxy = await new Toxiproxy(server.url).createProxy({
        name: 'echo',
        listen: '127.0.0.1:0',
        upstream: `127.0.0.1:${echoServer.port}`,
      });
      await proxy.addToxic(toxic('latency', { latency: 150, jitter: 0 }, 'downstream', 0.5));
      runs.push(await affected(proxy, 16));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]).toContain(true);
    expect(runs[0]).toContain(false);
  });
});
