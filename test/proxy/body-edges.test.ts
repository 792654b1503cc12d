// Request bodies at the API's limits, over HTTP: exactly the limit is read, one byte more is not.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startProxyServer } from '../../src/proxy/proxy-server.ts';

const limit = 64;
/** A proxy body padded with spaces to `size` bytes. */
const body = (name: string, size: number) => {
  const json = JSON.stringify({ name, upstream: '127.0.0.1:1' });
  return `${json.slice(0, -1)}${' '.repeat(size - json.length)}}`;
};

/** POSTs without a content-length (chunked), so the server counts as it reads. */
function chunked(url: string, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(`${url}/proxies`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    r.on('error', reject);
    r.end(text);
  });
}

describe('body size at the limit', () => {
  it('reads a body of exactly the limit and refuses one byte more, declared or chunked', async () => {
    await using server = await startProxyServer({ maxBodyBytes: limit });
    const post = (text: string) => fetch(`${server.url}/proxies`, { method: 'POST', body: text });
    expect(Buffer.byteLength(body('a', limit))).toBe(limit);
    expect((await post(body('a', limit))).status).toBe(201);
    expect((await post(body('b', limit + 1))).status).toBe(413);
    expect(await chunked(server.url, body('c', limit))).toBe(201);
    expect(await chunked(server.url, body('d', limit + 1))).toBe(413);
  });

  it('calls a body of only whitespace empty', async () => {
    await using server = await startProxyServer();
    const answer = await fetch(`${server.url}/proxies`, { method: 'POST', body: ' \n\t ' });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toBe('bad request body: the body is empty; expected JSON');
  });
});
