import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeClient } from '../../fixtures/ats/order-gateway/exchange-client.ts';

// The gateway's dispatcher and readiness ping share one exchange client. A
// ping asked for while an order was in flight must not reach the exchange
// after the exchange answered that order 418: that request would fall in the
// ban and extend it. An in-process exchange stub counts what reaches it.
describe('exchange client back-off', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('holds a request queued behind one answered 418, records the ban once, and sends again once asked afresh', async () => {
    const received: string[] = [];
    server = createServer((request, response) => {
      request.resume();
      received.push(`${request.method} ${request.url}`);
      const status = received.length === 1 ? 418 : 200;
      setTimeout(() => response.writeHead(status, { 'retry-after': '5', 'content-type': 'application/json' }).end('{"pong":true}'), 50);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const blocks: [number, boolean][] = [];
    const backoff = { block: async (ms: number, isBan: boolean) => blocks.push([ms, isBan]) };
    const client = new ExchangeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'ats-gateway', backoff, () => {});
    const order = { id: 'o-1', symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 } as Parameters<ExchangeClient['sendOrder']>[0];

    const [sent, pinged] = await Promise.all([client.sendOrder(order), client.ping()]);
    expect(sent).toEqual({ kind: 'throttled', status: 418, retryAfterMs: 5000 });
    expect(pinged).toMatchObject({ kind: 'held', retryAfterMs: expect.any(Number) });
    expect(received).toEqual(['POST /api/v1/order']);
    expect(blocks).toEqual([[5050, true]]);

    // The callers keep the gate; a request asked for after the 418 (the gate said go) is sent.
    expect(await client.ping()).toEqual({ kind: 'ok' });
    expect(received).toEqual(['POST /api/v1/order', 'GET /api/v1/ping']);
  });

  it("holds a ping whose caller checked the gate before the 418 came back, though it asks after it (the readiness ping's race)", async () => {
    const received: string[] = [];
    server = createServer((request, response) => {
      request.resume();
      received.push(`${request.method} ${request.url}`);
      const status = received.length === 1 ? 418 : 200;
      response.writeHead(status, { 'retry-after': '5', 'content-type': 'application/json' }).end('{"pong":true}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const backoff = { block: async () => 0 };
    const client = new ExchangeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'ats-gateway', backoff, () => {});
    const order = { id: 'o-1', symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 } as Parameters<ExchangeClient['sendOrder']>[0];

    const mark = client.throttleMark(); // the readiness check's mark, then its gate check (Redis) answers "not blocked"…
    expect(await client.sendOrder(order)).toMatchObject({ kind: 'throttled', status: 418 }); // …while the order's 418 comes back
    expect(await client.ping(mark)).toMatchObject({ kind: 'held' });
    expect(received).toEqual(['POST /api/v1/order']);
  });
});
