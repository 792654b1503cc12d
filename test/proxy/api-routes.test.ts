// The API's routing and response framing, over HTTP against an in-process proxy server.
import { describe, expect } from 'vitest';
import { connect, portOf, test } from './support.ts';

const call = async (url: string, method: string, path: string, body?: string) => {
  const response = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), length: response.headers.get('content-length'), text };
};

describe('routes', () => {
  test('trailing slashes name the same route', async ({ server, proxy }) => {
    for (const path of ['/proxies/', '/proxies///', `/proxies/${proxy.name}/`])
      expect((await call(server.url, 'GET', path)).status, path).toBe(200);
  });

  test('a path segment that does not decode is a 400 naming it', async ({ server }) => {
    expect(await call(server.url, 'GET', '/proxies/%E0%A4%A')).toMatchObject({
      status: 400,
      text: JSON.stringify({ error: 'bad request body: malformed path segment "%E0%A4%A"', status: 400 }),
    });
  });

  test('a method a path does not take is a 405 naming the ones it takes', async ({ server }) => {
    const answer = await call(server.url, 'PUT', '/proxies');
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.text).error).toMatch(/GET, POST/);
  });

  test('a toxic that does not exist cannot be updated, and the proxy keeps its toxics', async ({ server, proxy }) => {
    const answer = await call(server.url, 'POST', `/proxies/${proxy.name}/toxics/nope`, JSON.stringify({ attributes: { latency: 1 } }));
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text).error).toBe(`toxic "nope" not found on proxy "${proxy.name}"`);
    // What is missing is named before what is wrong with the body.
    const malformed = await call(server.url, 'PATCH', `/proxies/${proxy.name}/toxics/nope`, '{"attributes":');
    expect({ status: malformed.status, error: JSON.parse(malformed.text).error }).toEqual({
      status: 404,
      error: `toxic "nope" not found on proxy "${proxy.name}"`,
    });
  });

  test('a GET or DELETE is answered without waiting for a body it does not use', async ({ server, proxy }) => {
    for (const [method, path, status] of [
      ['GET', '/version', 200],
      ['DELETE', `/proxies/${proxy.name}`, 204],
    ] as const) {
      const socket = await connect(Number(new URL(server.url).port));
      // Announces 100 bytes of body and sends 2: the rest never comes.
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: proxy\r\nContent-Length: 100\r\n\r\n{}`);
      const head = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      socket.destroy();
      expect(head.split('\r\n')[0], method).toBe(`HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'No Content'}`);
    }
  });

  test('populate answers 201 with every proxy; an invalid entry changes nothing', async ({ server, echoServer }) => {
    const upstream = `127.0.0.1:${echoServer.port}`;
    const done = await call(server.url, 'POST', '/populate', JSON.stringify([{ name: 'a', upstream }]));
    expect(done.status).toBe(201);
    expect(JSON.parse(done.text).proxies.map((p: { name: string }) => p.name)).toEqual(['a']);
    const invalid = await call(
      server.url,
      'POST',
      '/populate',
      JSON.stringify([
        { name: 'b', upstream },
        { name: 'c', upstream: '10.0.0.1:1' },
      ]),
    );
    expect(invalid.status).toBe(403);
    expect(Object.keys(JSON.parse((await call(server.url, 'GET', '/proxies')).text))).not.toContain('b');
  });

  test('populate that fails part way answers that failure with the proxies done before it', async ({ server, echoServer }) => {
    const upstream = `127.0.0.1:${echoServer.port}`;
    const taken = `127.0.0.1:${echoServer.port}`;
    const answer = await call(
      server.url,
      'POST',
      '/populate',
      JSON.stringify([
        { name: 'b', upstream },
        { name: 'c', listen: taken, upstream },
      ]),
    );
    expect(answer.status).toBe(500);
    const body = JSON.parse(answer.text);
    expect(body).toMatchObject({
      status: 500,
      error: expect.stringMatching(new RegExp(`^proxy "c" cannot listen on ${taken}: .*EADDRINUSE`)),
    });
    expect(body.proxies.map((p: { name: string }) => p.name)).toEqual(['b']);
  });
});

describe('populate and close', () => {
  test('populate keeps a proxy it already has as given (its toxics too), and replaces one whose upstream changed', async ({
    server,
    echoServer,
  }) => {
    const upstream = `127.0.0.1:${echoServer.port}`;
    const proxyA = async () =>
      JSON.parse((await call(server.url, 'GET', '/proxies/a')).text) as { listen: string; upstream: string; toxics: unknown[] };
    await call(server.url, 'POST', '/populate', JSON.stringify([{ name: 'a', upstream }]));
    const { listen } = await proxyA();
    await call(server.url, 'POST', '/proxies/a/toxics', JSON.stringify({ type: 'latency', attributes: { latency: 1 } }));
    await call(server.url, 'POST', '/populate', JSON.stringify([{ name: 'a', listen, upstream }]));
    expect(await proxyA()).toMatchObject({ listen, upstream, toxics: [expect.objectContaining({ type: 'latency' })] });
    await call(server.url, 'POST', '/populate', JSON.stringify([{ name: 'a', listen, upstream: '127.0.0.1:1' }]));
    expect(await proxyA()).toMatchObject({ listen, upstream: '127.0.0.1:1', toxics: [] });
    expect(Object.keys(JSON.parse((await call(server.url, 'GET', '/proxies')).text))).toEqual(['a']);
  });

  test('closing the server stops every proxy listening', async ({ server, proxy }) => {
    const port = portOf(proxy);
    (await connect(port)).destroy();
    await server.close();
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('responses', () => {
  test('a body is JSON with its length; a 204 has neither type nor body', async ({ server, proxy }) => {
    const version = await call(server.url, 'GET', '/version');
    expect(version).toMatchObject({ status: 200, type: 'application/json', length: String(Buffer.byteLength(version.text)) });
    const deleted = await call(server.url, 'DELETE', `/proxies/${proxy.name}`);
    expect(deleted).toEqual({ status: 204, type: null, length: '0', text: '' });
  });

  test('an updated proxy that moves its listen address listens there, and only there', async ({ server, proxy }) => {
    const moved = await call(server.url, 'POST', `/proxies/${proxy.name}`, JSON.stringify({ listen: '127.0.0.1:0' }));
    expect(moved.status).toBe(200);
    const listen = JSON.parse(moved.text).listen as string;
    const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
    expect(port).not.toBe(portOf(proxy));
    (await connect(port)).destroy();
    await expect(connect(portOf(proxy))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
