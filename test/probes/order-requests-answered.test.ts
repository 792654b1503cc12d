import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import { orderRequestsAnswered } from '../../src/probes/order-flow.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import type { SqlClient } from '../../src/probes/sql-client.ts';
import { startOrderFlow } from '../../src/workload/order-flow.ts';

// postgres-partition promises that writes fail cleanly: every order request
// answered, refused with 503. A gateway that answers 500 (an unclassified
// error) breaks it; the real order flow, through the reference workload
// adapter, against an in-process gateway stub.
describe('orderRequestsAnswered', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  async function flowAgainst(statuses: number[]): Promise<ProbeContext> {
    let next = 0;
    server = createServer((request, response) => {
      request.resume();
      const status = statuses[next++ % statuses.length]!;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'postgres unavailable' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const variables = { ATS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    const orderFlow = startOrderFlow({ workload: createWorkload({ variables, sql: {} as SqlClient }), ordersPerSec: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await orderFlow.stop();
    return { orderFlow } as unknown as ProbeContext;
  }

  it('holds when every refusal is a 503', async () => {
    const seen = await orderRequestsAnswered(5_000).observe(await flowAgainst([503]));
    expect(seen).toMatchObject({ ok: true, detail: expect.stringMatching(/^0 acked, [1-9]\d* refused, 0 unanswered$/) });
  });

  it('fails naming the status when a refusal is anything else', async () => {
    const seen = await orderRequestsAnswered(5_000).observe(await flowAgainst([503, 500]));
    expect(seen).toMatchObject({ ok: false, detail: expect.stringMatching(/; [1-9]\d* refused with another status than 503 \(500\)$/) });
  });
});
