// The HTTP API driven through toxiproxy-node-client itself, as the harness
// will drive it; plain fetch only where the client has no call (listing
// toxics, PATCH).
import { ToxiproxyError } from 'toxiproxy-node-client';
import { describe, expect } from 'vitest';
import { connect, portOf, record, roundTripMs, test } from './support.ts';

const latency = (ms: number) => ({
  name: 'slow',
  type: 'latency' as const,
  stream: 'downstream' as const,
  toxicity: 1,
  attributes: { latency: ms, jitter: 0 },
});

async function refused(port: number): Promise<string | undefined> {
  return connect(port).then(
    (socket) => void socket.destroy(),
    (error: NodeJS.ErrnoException) => error.code,
  );
}

describe('proxies', () => {
  test('getVersion returns the JSON version document', async ({ toxiproxy }) => {
    expect(JSON.parse(await toxiproxy.getVersion())).toEqual({ version: expect.stringMatching(/^2\./) });
  });

  test('create returns the proxy with its real port; get and getAll find it; a duplicate is 409', async ({
    toxiproxy,
    proxy,
    echoServer,
  }) => {
    expect(proxy.toJson()).toEqual({
      name: 'echo',
      listen: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      upstream: `127.0.0.1:${echoServer.port}`,
      enabled: true,
    });
    expect(portOf(proxy)).toBeGreaterThan(0);
    expect((await toxiproxy.get('echo')).toJson()).toEqual(proxy.toJson());
    expect(Object.keys(await toxiproxy.getAll())).toEqual(['echo']);
    await expect(toxiproxy.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: proxy.upstream })).rejects.toThrow(
      /status code 409/,
    );
    await expect(toxiproxy.get('nope')).rejects.toBeInstanceOf(ToxiproxyError);
  });

  test('disable drops open connections and refuses new ones; enable listens on the same address again', async ({ proxy }) => {
    const port = portOf(proxy);
    const socket = await connect(port);
    const received = record(socket);
    expect(await roundTripMs(socket)).toBeLessThan(50);
    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(disabled.enabled).toBe(false);
    await received.closed;
    expect(await refused(port)).toBe('ECONNREFUSED');
    const enabled = await disabled.update({ enabled: true, listen: disabled.listen, upstream: disabled.upstream });
    expect(enabled.listen).toBe(proxy.listen);
    const again = await connect(port);
    expect(await roundTripMs(again)).toBeLessThan(50);
    again.destroy();
  });

  test('PATCH updates only the fields given', async ({ server, proxy }) => {
    const response = await fetch(`${server.url}/proxies/echo`, { method: 'PATCH', body: '{"enabled": false}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: 'echo',
      listen: proxy.listen,
      upstream: proxy.upstream,
      enabled: false,
      toxics: [],
    });
  });

  test('remove deletes the proxy and closes its port', async ({ toxiproxy, proxy }) => {
    await proxy.remove();
    await expect(toxiproxy.get('echo')).rejects.toThrow(/status code 404/);
    expect(await refused(portOf(proxy))).toBe('ECONNREFUSED');
  });

  test('populate creates, keeps identical proxies (and their connections), replaces changed ones', async ({ toxiproxy, echoServer }) => {
    const upstream = `127.0.0.1:${echoServer.port}`;
    const first = await toxiproxy.populate([
      { name: 'a', listen: '127.0.0.1:0', upstream },
      { name: 'b', listen: '127.0.0.1:0', upstream, enabled: false },
    ]);
    expect(Object.keys(first)).toEqual(['a', 'b']);
    expect(first.b!.enabled).toBe(false);
    const a = first.a!;
    const socket = await connect(portOf(a));
    const received = record(socket);
    const again = await toxiproxy.populate([{ name: 'a', listen: a.listen, upstream }]);
    expect(again.a!.toJson()).toEqual(a.toJson());
    expect(await roundTripMs(socket)).toBeLessThan(50);
    const changed = await toxiproxy.populate([{ name: 'a', listen: a.listen, upstream: '127.0.0.1:1' }]);
    expect(changed.a!.upstream).toBe('127.0.0.1:1');
    await received.closed;
  });
});

describe('toxics', () => {
  test('create with defaults, get, list, update, delete', async ({ server, proxy }) => {
    const created = await fetch(`${server.url}/proxies/echo/toxics`, {
      method: 'POST',
      body: '{"type": "latency", "attributes": {"latency": 10}}',
    });
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({
      name: 'latency_downstream',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 10, jitter: 0 },
    });
    const slow = await proxy.addToxic(latency(50));
    expect((await proxy.getToxic('slow')).toJson()).toEqual(slow.toJson());
    const list = await fetch(`${server.url}/proxies/echo/toxics`).then((r) => r.json() as Promise<{ name: string }[]>);
    expect(list.map((t) => t.name)).toEqual(['latency_downstream', 'slow']);
    await expect(proxy.addToxic(latency(5))).rejects.toThrow(/status code 409/);
    const updated = await slow.update({ ...slow.toJson(), toxicity: 0.5, attributes: { latency: 70, jitter: 3 } });
    expect(updated.toJson()).toMatchObject({ toxicity: 0.5, attributes: { latency: 70, jitter: 3 } });
    await updated.remove();
    await expect(proxy.getToxic('slow')).rejects.toThrow(/status code 404/);
    expect((await fetch(`${server.url}/proxies/echo`).then((r) => r.json() as Promise<{ toxics: unknown[] }>)).toxics).toHaveLength(1);
  });

  test('reset re-enables every proxy and removes every toxic', async ({ toxiproxy, proxy }) => {
    await proxy.addToxic(latency(200));
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    await toxiproxy.reset();
    const after = await toxiproxy.get('echo');
    expect(after.enabled).toBe(true);
    expect((await fetch(`${toxiproxy.host}/proxies/echo/toxics`).then((r) => r.json())) as unknown[]).toEqual([]);
    const socket = await connect(portOf(after));
    expect(await roundTripMs(socket)).toBeLessThan(50);
    socket.destroy();
  });
});
