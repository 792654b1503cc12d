import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import { failedRequests } from '../../src/checks/failed-requests.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { orderErrorRateAbove } from '../../src/probes/order-error-rate.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { ordersServedBy } from '../../src/probes/served-by.ts';
import type { SqlClient } from '../../src/probes/sql-client.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import { type RequestRecord, startOrderFlow } from '../../src/workload/order-flow.ts';

/** What the stub answers each order with, in turn: a status and the colour nginx would name. */
interface Answer {
  readonly status: number;
  readonly colour?: string;
}

// The real order flow, through the reference workload adapter, against an
// in-process stand-in for nginx that names a colour in X-Colour as the real one does.
describe('requests by the colour that served them', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  async function flowAgainst(answers: readonly Answer[]): Promise<CheckContext> {
    let next = 0;
    server = createServer((request, response) => {
      request.resume();
      const { status, colour } = answers[next++ % answers.length]!;
      const body = status === 202 ? { id: `order-${next}` } : { error: 'insert failed' };
      response
        .writeHead(status, { 'content-type': 'application/json', ...(colour ? { 'x-colour': colour } : {}) })
        .end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const variables = { ATS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    // A patient client: on a saturated machine (CI's) this process's own stand-in once left 7 of 106 requests
    // unanswered within the default 2 s, which the attribution below would count as failed by no one.
    const orderFlow = startOrderFlow({
      workload: createWorkload({ variables, sql: {} as SqlClient }),
      ordersPerSec: 100,
      requestTimeoutMs: 30_000,
    });
    // Every answer sent at least twice and 20 in all (orderErrorRateAbove judges 10 or more); stop() then waits for
    // every answer, however slowly they come.
    const enough = Math.max(20, 2 * answers.length);
    await waitUntil(async () => orderFlow.stats().sent >= enough, {
      what: `${enough} order requests sent`,
      timeoutMs: 30_000,
      intervalMs: 20,
    });
    await orderFlow.stop();
    return { orderFlow } as unknown as CheckContext;
  }

  it('records the colour each request was served by', async () => {
    const context = await flowAgainst([
      { status: 202, colour: 'blue' },
      { status: 500, colour: 'green' },
    ]);
    const colours = new Set(context.orderFlow.requestsWithin(60_000).map((r) => `${r.outcome}:${r.servedBy}`));
    expect(colours).toEqual(new Set(['acknowledged:blue', 'refused:green']));
  });

  it('ordersServedBy holds only when every request was acknowledged by that colour', async () => {
    const allBlue = await flowAgainst([{ status: 202, colour: 'blue' }]);
    expect(await ordersServedBy('blue', 60_000).observe(allBlue)).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^\d+ acknowledged by blue$/),
    });
    expect(await ordersServedBy('green', 60_000).observe(allBlue)).toMatchObject({ ok: false });

    const mixed = await flowAgainst([
      { status: 202, colour: 'blue' },
      { status: 202, colour: 'green' },
    ]);
    expect(await ordersServedBy('blue', 60_000).observe(mixed)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(
        /\d+ acknowledged by blue, \d+ acknowledged by green|\d+ acknowledged by green, \d+ acknowledged by blue/,
      ),
    });

    const refusedByBlue = await flowAgainst([
      { status: 202, colour: 'blue' },
      { status: 503, colour: 'blue' },
    ]);
    expect(await ordersServedBy('blue', 60_000).observe(refusedByBlue)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('refused by blue'),
    });

    const unnamed = await flowAgainst([{ status: 202 }]);
    expect(await ordersServedBy('blue', 60_000).observe(unnamed)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('by no one named'),
    });
  });

  it('ordersServedBy does not hold on no traffic', async () => {
    const context = { orderFlow: { requestsWithin: () => [] } } as unknown as ProbeContext;
    expect(await ordersServedBy('blue').observe(context)).toMatchObject({ ok: false, detail: expect.stringContaining('no order request') });
  });

  it('orderErrorRateAbove detects a failing release and not one stray failure', async () => {
    const failing = await flowAgainst([
      { status: 500, colour: 'green' },
      { status: 202, colour: 'green' },
    ]);
    expect(await orderErrorRateAbove(0.2, 60_000).observe(failing)).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^\d+ of \d+ requests not acknowledged \(\d+ %\): 500$/),
    });
    const healthy = await flowAgainst([
      { status: 202 },
      { status: 202 },
      { status: 202 },
      { status: 202 },
      { status: 202 },
      { status: 202 },
      { status: 202 },
      { status: 202 },
      { status: 202 },
      { status: 500 },
    ]);
    expect(await orderErrorRateAbove(0.2, 60_000).observe(healthy)).toMatchObject({ ok: false });
    const few = await flowAgainst([{ status: 500 }]);
    expect(await orderErrorRateAbove(0.2, 60_000, 1_000).observe(few)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('too few to judge'),
    });
  });

  it('failedRequests counts every failure, or only those one colour served', async () => {
    const context = await flowAgainst([
      { status: 202, colour: 'blue' },
      { status: 500, colour: 'green' },
    ]);
    const any = await failedRequests({ atMost: 0 }).run(context);
    expect(any).toMatchObject({
      ok: false,
      detail: expect.stringMatching(
        /^\d+ of the order requests failed \(at most 0\); of all \d+ requests: \d+ failed: \d+ refused 500 by green \("insert failed"\)$/,
      ),
    });
    expect(await failedRequests({ atMost: 0, servedBy: 'blue' }).run(context)).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^0 of the order requests answered by blue failed/),
    });
    expect(await failedRequests({ atMost: 0, servedBy: 'green' }).run(context)).toMatchObject({ ok: false });
    const clean = await flowAgainst([{ status: 202, colour: 'blue' }]);
    expect(await failedRequests({ atMost: 0 }).run(clean)).toMatchObject({ ok: true, detail: expect.stringContaining('none failed') });
  });

  it('failedRequests names the reasons each group was given, the first three in full', async () => {
    const record = (reason: string): RequestRecord => ({ at: 1, latencyMs: 1, outcome: 'refused', status: 503, servedBy: 'blue', reason });
    const requests = ['risk unavailable: no answer within 500 ms', 'a', 'b', 'c', 'a'].map(record);
    const unanswered: RequestRecord = { at: 1, latencyMs: 2_000, outcome: 'failed', reason: 'The operation was aborted due to timeout' };
    const orderFlow = { requestsWithin: () => [...requests, unanswered] };
    expect(await failedRequests({ atMost: 0, servedBy: 'blue' }).run({ orderFlow } as unknown as CheckContext)).toMatchObject({
      ok: false,
      detail:
        '5 of the order requests answered by blue failed (at most 0); of all 6 requests: 6 failed: ' +
        '5 refused 503 by blue ("risk unavailable: no answer within 500 ms"; "a"; "b" and 1 other reason), ' +
        '1 failed by no one named ("The operation was aborted due to timeout")',
    });
  });
});
