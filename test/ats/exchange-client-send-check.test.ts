import diagnosticsChannel from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeClient } from '../../fixtures/ats/order-gateway/exchange-client.ts';

// Found reading a two-gateways failure in CI (a gateway frozen with orders
// claimed, resumed once its peer had taken them over and filled them, sent one
// of them again): its lease was checked before fetch() began, and fetch()
// writes the request only some promise hops later, after opening a connection
// if none is free. A process stopped in between (SIGSTOP, a VM paused) resumes
// with the check behind it and sends anyway.
// The check is now made in the same synchronous run that writes the request,
// so nothing, not even a microtask, comes between the two. An in-process stub
// exchange counts what reaches it; undici's 'undici:client:sendHeaders'
// channel is published immediately before the first byte is written.
describe('exchange client: an order is sent only if its condition holds as it is written', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  async function stubExchange(): Promise<{ client: ExchangeClient; received: string[] }> {
    const received: string[] = [];
    server = createServer((request, response) => {
      request.resume();
      received.push(`${request.method} ${request.url}`);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ exchangeOrderId: 'MX-1', status: 'FILLED', fillQty: 1, fillPrice: 100 }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { client: new ExchangeClient(url, 'ats-gateway', { block: async () => 0 }, () => {}), received };
  }

  const order = { id: 'o-1', symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 } as Parameters<ExchangeClient['sendOrder']>[0];

  it('checks the condition in the same synchronous run that writes the request: not even a microtask runs between them', async () => {
    const { client } = await stubExchange();
    await client.ping(); // a connection open already: the check does not wait for one either way
    const events: string[] = [];
    const onWrite = () => events.push('written');
    diagnosticsChannel.subscribe('undici:client:sendHeaders', onWrite);
    try {
      const reply = await client.sendOrder(order, () => {
        events.push('checked');
        queueMicrotask(() => events.push('a microtask queued by the check'));
        return true;
      });
      expect(reply).toMatchObject({ kind: 'filled', exchangeOrderId: 'MX-1' });
    } finally {
      diagnosticsChannel.unsubscribe('undici:client:sendHeaders', onWrite);
    }
    expect(events).toEqual(['checked', 'written', 'a microtask queued by the check']);
  });

  it('checks it once the connection is open: a first request waits for its connection before the check', async () => {
    const { client } = await stubExchange();
    const events: string[] = [];
    const onConnected = () => events.push('connected');
    diagnosticsChannel.subscribe('undici:client:connected', onConnected);
    try {
      await client.sendOrder(order, () => {
        events.push('checked');
        return true;
      });
    } finally {
      diagnosticsChannel.unsubscribe('undici:client:connected', onConnected);
    }
    expect(events).toEqual(['connected', 'checked']);
  });

  it('withheld: nothing of the order reaches the exchange, and the next request is sent', async () => {
    const { client, received } = await stubExchange();
    expect(await client.sendOrder(order, () => false)).toEqual({ kind: 'withheld' });
    expect(await client.ping()).toEqual({ kind: 'ok' });
    expect(received).toEqual(['GET /api/v1/ping']);
  });
});
