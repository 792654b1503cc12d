import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeClient } from '../../fixtures/ats/order-gateway/exchange-client.ts';

// The gateway's dispatcher and readiness ping share one exchange client. No
// request may reach the exchange after it answered 418 until the answer's
// Retry-After has passed, whenever it was asked for (a ping queued behind the
// order, or one whose gate check was answered just before the 418): it would
// fall in the ban and extend it. An in-process exchange stub counts what reaches it.
describe('exchange client back-off', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it("holds every request until the 418's Retry-After has passed, records the ban once, then sends again", async () => {
    const received: string[] = [];
    server = createServer((request, response) => {
      request.resume();
      received.push(`${request.method} ${request.url}`);
      const status = received.length === 1 ? 418 : 200;
      setTimeout(() => response.writeHead(status, { 'retry-after': '2', 'content-type': 'application/json' }).end('{"pong":true}'), 50);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const blocks: [number, boolean][] = [];
    const backoff = { block: async (ms: number, isBan: boolean) => blocks.push([ms, isBan]) };
    const client = new ExchangeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'ats-gateway', backoff, () => {});
    const order = { id: 'o-1', symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 } as Parameters<ExchangeClient['sendOrder']>[0];

    const [sent, pinged] = await Promise.all([client.sendOrder(order), client.ping()]);
    expect(sent).toEqual({ kind: 'throttled', status: 418, retryAfterMs: 2000 });
    expect(pinged).toMatchObject({ kind: 'held', retryAfterMs: expect.any(Number) });
    expect(received).toEqual(['POST /api/v1/order']);
    expect(blocks).toEqual([[2050, true]]);

    // Asked for after the 418 came back (its caller's gate check said go): still held, the ban has not passed.
    const askedAfresh = await client.ping();
    expect(askedAfresh).toMatchObject({ kind: 'held' });
    expect(received).toEqual(['POST /api/v1/order']);

    await new Promise((resolve) => setTimeout(resolve, (askedAfresh as { retryAfterMs: number }).retryAfterMs + 20));
    expect(await client.ping()).toEqual({ kind: 'ok' });
    expect(received).toEqual(['POST /api/v1/order', 'GET /api/v1/ping']);
  });
});
