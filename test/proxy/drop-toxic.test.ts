// The `drop` toxic (Toxiproxy's own `timeout` semantics) on real loopback TCP
// through the proxy, beside firedrill's holding `timeout`: what is sent while
// it applies is gone for good.
import { describe, expect } from 'vitest';
import { connect, portOf, record, roundTripMs, sleep, test } from './support.ts';

async function addDrop(url: string, timeout: number): Promise<() => Promise<void>> {
  const body = { name: 'drop_upstream', type: 'drop', stream: 'upstream', toxicity: 1, attributes: { timeout } };
  const added = await fetch(`${url}/proxies/echo/toxics`, { method: 'POST', body: JSON.stringify(body) });
  expect(added.status).toBe(200);
  return async () => {
    const removed = await fetch(`${url}/proxies/echo/toxics/drop_upstream`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
  };
}

describe('drop', () => {
  test('throws away what is sent while it applies: removed, only what is sent afterwards arrives', async ({ server, proxy }) => {
    const remove = await addDrop(server.url, 0);
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    socket.write('lost');
    await sleep(400);
    expect(socket.destroyed).toBe(false); // with 0 the connection stays open
    await remove();
    await sleep(300);
    expect(received.bytes().toString()).toBe(''); // a holding toxic would deliver "lost" now
    socket.write('kept');
    await expect.poll(() => received.bytes().toString(), { timeout: 1000, interval: 5 }).toBe('kept');
    expect(await roundTripMs(socket)).toBeLessThan(50);
    socket.destroy();
  });

  test('closes the connection after the timeout, having passed nothing (500 ms, -10 %/+40 %)', async ({ server, proxy }) => {
    await addDrop(server.url, 500);
    const started = performance.now();
    const socket = await connect(portOf(proxy));
    const received = record(socket);
    socket.write('ping');
    const closed = await received.closed;
    expect(received.bytes().length).toBe(0);
    expect(closed.atMs - started).toBeGreaterThanOrEqual(450);
    expect(closed.atMs - started).toBeLessThanOrEqual(700);
  });
});
