// Updating a toxic reaches connections already open: it restarts there
// (its timer anew, its toxicity rolled again), as Toxiproxy's do.
import { describe, expect } from 'vitest';
import { connect, median, portOf, record, roundTripMs, sleep, test } from './support.ts';

describe('live toxic updates', () => {
  test('a holding timeout updated to 200 ms closes an open connection about 200 ms later (-10 %/+100 %)', async ({ proxy }) => {
    const stall = await proxy.addToxic({ name: 'stall', type: 'timeout', stream: 'downstream', toxicity: 1, attributes: { timeout: 0 } });
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    socket.write('held');
    await sleep(100);
    const updatedAt = performance.now();
    await stall.update({ ...stall.toJson(), attributes: { timeout: 200 } });
    const closed = await received.closed;
    expect(received.bytes().length).toBe(0);
    expect(closed.atMs - updatedAt).toBeGreaterThanOrEqual(180);
    expect(closed.atMs - updatedAt).toBeLessThanOrEqual(400);
  });

  test('a toxic updated from toxicity 0 to 1 starts applying on an open connection', async ({ proxy }) => {
    const slow = await proxy.addToxic({
      name: 'slow',
      type: 'latency',
      stream: 'downstream',
      toxicity: 0,
      attributes: { latency: 150, jitter: 0 },
    });
    const socket = await connect(portOf(proxy));
    expect(await roundTripMs(socket)).toBeLessThan(100);
    await slow.update({ ...slow.toJson(), toxicity: 1 });
    const rtts = [await roundTripMs(socket), await roundTripMs(socket), await roundTripMs(socket)];
    expect(median(rtts)).toBeGreaterThanOrEqual(135);
    socket.destroy();
  });
});
