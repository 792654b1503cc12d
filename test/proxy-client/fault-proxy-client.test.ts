import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxyClient, faultProxyClient } from '../../src/proxy-client/fault-proxy-client.ts';
import { FaultProxyError } from '../../src/proxy-client/fault-proxy-error.ts';
import { proxiedLink } from '../../src/proxy-client/proxied-link.ts';
import { type ProxyServer, startProxyServer } from '../../src/proxy/proxy-server.ts';

// The wrapper against firedrill's own proxy server: the gaps it mends in
// toxiproxy-node-client, observed through real HTTP.
describe('fault proxy client', () => {
  let server: ProxyServer;
  let client: FaultProxyClient;
  beforeAll(async () => {
    server = await startProxyServer({ host: '127.0.0.1', port: 0 });
    client = faultProxyClient(server.url);
  });
  afterAll(() => server.close());

  it('parses the version out of the JSON answer', async () => {
    expect(await client.version()).toMatch(/^\d+\.\d+/);
  });

  it('fails with the HTTP status and the server message, not a bare "status code 409"', async () => {
    await client.populate([{ name: 'dup', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' }]);
    const error = await client.addToxic('no-such-proxy', { type: 'latency', attributes: { latency: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultProxyError);
    expect((error as FaultProxyError).status).toBe(404);
    expect((error as FaultProxyError).message).toMatch(/404 .*no-such-proxy|404 .*not found/i);
  });

  it('updates a proxy partially: only the fields given change', async () => {
    await client.populate([{ name: 'partial', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' }]);
    const before = await client.proxy('partial');
    const after = await client.updateProxy('partial', { enabled: false });
    expect(after).toMatchObject({ name: 'partial', enabled: false, upstream: before.upstream, listen: before.listen });
  });

  it('updates a toxic partially, merging attributes, and lists toxics', async () => {
    await client.populate([{ name: 'toxic', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' }]);
    await client.addToxic('toxic', { type: 'latency', attributes: { latency: 100, jitter: 5 } });
    const updated = await client.updateToxic('toxic', 'latency_downstream', { attributes: { latency: 300 } });
    expect(updated.attributes).toEqual({ latency: 300, jitter: 5 });
    expect((await client.toxics('toxic')).map((t) => t.name)).toEqual(['latency_downstream']);
  });

  it('a link handle removes its toxic idempotently', async () => {
    await client.populate([{ name: 'gateway-redis', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' }]);
    const toxic = await proxiedLink(client, 'gateway-redis').addToxic({ type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } });
    await toxic.remove();
    await toxic.remove();
    expect(await client.toxics('gateway-redis')).toEqual([]);
  });
});
