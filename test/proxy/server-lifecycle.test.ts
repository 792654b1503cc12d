// The proxy server itself: where it listens, what it refuses, how it stops.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startProxyServer } from '../../src/proxy/proxy-server.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the proxy server', () => {
  it('listens on the port it is given, and says so', async () => {
    const port = await freePort();
    await using server = await startProxyServer({ port });
    expect(server.port).toBe(port);
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${server.url}/version`)).status).toBe(200);
  });

  it('writes an IPv6 host in brackets in its URL', async () => {
    await using server = await startProxyServer({ host: '::1' });
    expect(server.url).toBe(`http://[::1]:${server.port}`);
    expect((await fetch(`${server.url}/version`)).status).toBe(200);
  });

  it('refuses to serve its API off loopback unless allowed', async () => {
    await expect(startProxyServer({ host: '192.0.2.1', port: 8474 })).rejects.toThrow(/^API address "192\.0\.2\.1:8474" is not loopback/);
  });

  it('lets proxies point off loopback when allowed, and only then', async () => {
    const body = JSON.stringify({ name: 'far', upstream: '192.0.2.1:5432' });
    await using strict = await startProxyServer();
    expect((await fetch(`${strict.url}/proxies`, { method: 'POST', body })).status).toBe(403);
    await using open = await startProxyServer({ allowNonLoopback: true });
    expect((await fetch(`${open.url}/proxies`, { method: 'POST', body })).status).toBe(201);
  });

  it('refuses a browser (a CSRF guard)', async () => {
    await using server = await startProxyServer();
    const answer = await fetch(`${server.url}/version`, { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' } });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { error: string }).error).toBe(
      'User agent not allowed: "Mozilla/5.0 (X11; Linux x86_64)" looks like a browser (refused as a CSRF guard)',
    );
  });

  it('stops at once with a keep-alive client connected, and a second close waits for the same stop', async () => {
    const server = await startProxyServer();
    await (await fetch(`${server.url}/version`)).text(); // leaves a keep-alive connection open
    const started = performance.now();
    const first = server.close();
    const second = server.close();
    await Promise.all([first, second]);
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.url}/version`)).rejects.toThrow();
  });
});
