import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import type { SqlClient } from '../../src/probes/sql-client.ts';
import type { OrderRequest } from '../../src/workload/workload-adapter.ts';

// The reference ATS's workload adapter placing orders against a gateway in the
// test's own process that answers as told (its readBack runs on a real
// PostgreSQL in workload-adapter.integration.test.ts).
const order: OrderRequest = { clientOrderId: 'c-1', symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 };
const noSql = {} as SqlClient;
let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function gatewayAnswering(status: number, body: string, seen: unknown[] = []): Promise<string> {
  const server = createServer(async (request: IncomingMessage, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    seen.push({ method: request.method, url: request.url, body: JSON.parse(text) });
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the reference workload adapter', () => {
  it('posts the order to the gateway and takes a 202 with an id as acknowledged', async () => {
    const seen: unknown[] = [];
    const workload = createWorkload({
      variables: { ATS_URL: await gatewayAnswering(202, '{"id":"o-9","status":"accepted"}', seen) },
      sql: noSql,
    });
    expect(await workload.place(order, AbortSignal.timeout(2000))).toEqual({ outcome: 'acknowledged', orderId: 'o-9', status: 202 });
    expect(seen).toEqual([{ method: 'POST', url: '/orders', body: order }]);
  });

  it.each([
    [503, '{"error":"postgres unavailable","dependency":"postgres"}', { outcome: 'refused', status: 503, reason: 'postgres unavailable' }],
    [202, '{"status":"accepted"}', { outcome: 'refused', status: 202 }],
    [409, 'not json', { outcome: 'refused', status: 409 }],
  ])('takes any other answer as refused: %i %s', async (status, body, expected) => {
    const workload = createWorkload({ variables: { ATS_URL: await gatewayAnswering(status, body) }, sql: noSql });
    expect(await workload.place(order, AbortSignal.timeout(2000))).toEqual(expected);
  });

  it('rejects when the gateway gives no answer', async () => {
    const url = await gatewayAnswering(202, '{}');
    await close?.();
    close = undefined;
    const workload = createWorkload({ variables: { ATS_URL: url }, sql: noSql });
    await expect(workload.place(order, AbortSignal.timeout(2000))).rejects.toThrow(/fetch failed/);
  });

  it('needs ATS_URL', () => {
    expect(() => createWorkload({ variables: {}, sql: noSql })).toThrow('The reference workload needs ATS_URL (the order gateway)');
  });
});
