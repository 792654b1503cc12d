import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandwidthChoke } from '../../src/faults/bandwidth.ts';
import { drop } from '../../src/faults/drop.ts';
import type { Fault } from '../../src/faults/fault.ts';
import { flapping } from '../../src/faults/flapping.ts';
import { latency } from '../../src/faults/latency.ts';
import { partition } from '../../src/faults/partition.ts';
import { resetPeer } from '../../src/faults/reset-peer.ts';
import { stall } from '../../src/faults/stall.ts';
import { transient } from '../../src/faults/transient.ts';
import { type FaultProxyClient, faultProxyClient } from '../../src/proxy-client/fault-proxy-client.ts';
import { proxiedLink } from '../../src/proxy-client/proxied-link.ts';
import { type ProxyServer, startProxyServer } from '../../src/proxy/proxy-server.ts';
import type { Environment, LinkName } from '../../src/runtime/runtime.ts';
import { connect, echo, listen, type TcpServer } from '../proxy/support.ts';

// Each network fault on a real proxy in front of a real echo server: the
// effect observed on the wire, and gone again after revert.
const link: LinkName = 'gateway-redis';

describe('network faults through the fault proxy', () => {
  let upstream: TcpServer;
  let server: ProxyServer;
  let client: FaultProxyClient;
  let port: number;
  let env: Environment;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    upstream = await listen(echo);
    server = await startProxyServer({ port: 0 });
    client = faultProxyClient(server.url);
    const [state] = await client.populate([{ name: link, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` }]);
    port = Number(state!.listen.split(':').at(-1));
    env = { link: (name: LinkName) => proxiedLink(client, name) } as unknown as Environment;
  });
  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  /** Milliseconds for one 16-byte echo round trip on a fresh connection, or the error's code. */
  async function roundTrip(bytes = 16, timeoutMs = 3000): Promise<number | string> {
    const started = performance.now();
    let socket: Socket | undefined;
    try {
      socket = await connect(port);
      const s = socket;
      await new Promise<void>((resolve, reject) => {
        let got = 0;
        s.on('data', (d: Buffer) => {
          got += d.length;
          if (got >= bytes) resolve();
        });
        s.once('error', reject);
        s.once('close', () => reject(Object.assign(new Error('closed'), { code: 'CLOSED' })));
        setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs).unref();
        s.write(Buffer.alloc(bytes, 1));
      });
      return performance.now() - started;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? 'ERROR';
    } finally {
      socket?.destroy();
    }
  }

  async function whileInjected(fault: Fault, observe: () => Promise<void>): Promise<void> {
    const injected = await fault.inject(env, signal);
    try {
      await observe();
    } finally {
      await injected.revert();
      await injected.revert(); // idempotent
    }
    expect(await roundTrip()).toBeLessThan(200);
    expect(await client.toxics(link)).toEqual([]);
  }

  it('latency delays the answers by the setting (300 ms, +50 % tolerance)', async () => {
    await whileInjected(latency(link, { latencyMs: 300 }), async () => {
      const ms = await roundTrip();
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(ms).toBeLessThan(450);
    });
  });

  it('partition refuses connections until reverted', async () => {
    await whileInjected(partition(link), async () => expect(await roundTrip()).toBe('ECONNREFUSED'));
  });

  it('a transient partition heals by itself', async () => {
    const injected = await transient(partition(link), 300).inject(env, signal);
    expect(await roundTrip()).toBe('ECONNREFUSED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await roundTrip()).toBeLessThan(200);
    await injected.revert();
  });

  it('flapping takes the link down and up again, and revert leaves it up', async () => {
    await whileInjected(flapping(link, { downMs: 200, upMs: 200 }), async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++) {
        seen.add(typeof (await roundTrip(16, 150)) === 'number' ? 'up' : 'down');
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      expect([...seen].sort()).toEqual(['down', 'up']);
    });
  });

  it('bandwidth choke slows a 64 KB answer to about the rate (32 KB/s: ≥ 1.5 s)', async () => {
    await whileInjected(bandwidthChoke(link, { rateKBps: 32 }), async () => {
      const ms = await roundTrip(64 * 1024, 10_000);
      expect(ms).toBeGreaterThanOrEqual(1500);
    });
  });

  it('stall holds the traffic until reverted', async () => {
    await whileInjected(stall(link), async () => expect(await roundTrip(16, 500)).toBe('TIMEOUT'));
  });

  it('reset-peer resets the connection', async () => {
    await whileInjected(resetPeer(link), async () => expect(await roundTrip()).toMatch(/ECONNRESET|CLOSED/));
  });

  it('drop throws the traffic away: what was sent during it never arrives, even after revert', async () => {
    const socket = await connect(port);
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    await whileInjected(drop(link), async () => {
      socket.write('lost');
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // a stall would deliver "lost" by now
    expect(Buffer.concat(received).toString()).toBe('');
    socket.destroy();
  });

  it('drop with closeAfterMs closes the connection, having passed nothing', async () => {
    await whileInjected(drop(link, { closeAfterMs: 200 }), async () => expect(await roundTrip(16, 2000)).toBe('CLOSED'));
  });
});
