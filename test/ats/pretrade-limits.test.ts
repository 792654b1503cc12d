import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PretradeClient } from '../../fixtures/ats/order-gateway/pretrade-client.ts';
import { checkPretradeLimits } from '../../fixtures/ats/risk/pretrade-limits.ts';
import { registerPretradeRoutes } from '../../fixtures/ats/risk/pretrade-routes.ts';
import { createHttpApp } from '../../fixtures/ats/shared/http-app.ts';
import { installProblemHandler } from '../../fixtures/ats/shared/http-problem.ts';
import { retryUntilDone } from '../../fixtures/ats/shared/retry-until-done.ts';
import { ThrottledLog } from '../../fixtures/ats/shared/throttled-log.ts';

// The risk service's pre-trade limits (issue 17, RTS 6 Art. 15) as pure logic, its route in-process (app.inject), and
// the gateway's client against stand-in servers on loopback: the real thing runs in
// test/ats/pretrade-limits.integration.test.ts.
const limits = { maxOrderQty: 100, maxOrderNotional: 50_000 };
const order = (qty: number, price: number) => ({ symbol: 'BTC-USD', side: 'buy' as const, qty, price });

describe('checkPretradeLimits', () => {
  it('passes an order at both limits, and the harness workload (qty 1 at 100-109)', () => {
    expect(checkPretradeLimits(order(100, 500), limits)).toEqual({ ok: true });
    expect(checkPretradeLimits(order(1, 109), limits)).toEqual({ ok: true });
  });

  it('refuses a quantity over the limit, naming it and the variable', () => {
    expect(checkPretradeLimits(order(5000, 1), limits)).toEqual({
      ok: false,
      limit: 'max-order-qty',
      reason: 'qty 5000 > 100 (RISK_MAX_ORDER_QTY)',
    });
    expect(checkPretradeLimits(order(100.5, 1), limits)).toMatchObject({ ok: false, limit: 'max-order-qty' });
  });

  it('refuses a notional over the limit, and names the quantity limit first when both are broken', () => {
    expect(checkPretradeLimits(order(100, 500.01), limits)).toEqual({
      ok: false,
      limit: 'max-order-notional',
      reason: 'notional 50001 (qty 100 × price 500.01) > 50000 (RISK_MAX_ORDER_NOTIONAL)',
    });
    expect(checkPretradeLimits(order(101, 1000), limits)).toMatchObject({ limit: 'max-order-qty' });
  });
});

describe('risk: POST /pretrade/check', () => {
  async function risk() {
    const registry = new Registry();
    const app = createHttpApp(pino({ level: 'silent' }));
    installProblemHandler(app);
    registerPretradeRoutes(app, registry, limits);
    const check = (payload: unknown) => app.inject({ method: 'POST', url: '/pretrade/check', payload: payload as object });
    return { app, registry, check };
  }

  it('answers 200 with the decision, counts each outcome, and 400 for a malformed body', async () => {
    const { app, registry, check } = await risk();
    expect((await check(order(1, 100))).json()).toEqual({ ok: true });
    const refused = await check(order(5000, 100));
    expect([refused.statusCode, refused.json()]).toEqual([
      200,
      { ok: false, limit: 'max-order-qty', reason: 'qty 5000 > 100 (RISK_MAX_ORDER_QTY)' },
    ]);
    expect((await check(order(100, 600))).json()).toMatchObject({ ok: false, limit: 'max-order-notional' });
    const malformed = await check({ symbol: 'BTC-USD', side: 'buy', qty: -1, price: 100 });
    expect([malformed.statusCode, malformed.json().error]).toEqual([400, 'invalid qty: Too small: expected number to be >0']);
    const text = await registry.metrics();
    expect(text).toContain('risk_pretrade_checks_total{outcome="passed"} 1');
    expect(text).toContain('risk_pretrade_checks_total{outcome="refused"} 2');
    await app.close();
  });
});

describe('order gateway: PretradeClient', () => {
  async function standIn(
    answer: (body: string, request: IncomingMessage) => { status: number; body: string } | 'hang',
    port = 0,
  ): Promise<Server & AsyncDisposable> {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const reply = answer(body, request);
        if (reply !== 'hang') response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return Object.assign(server, {
      [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
    });
  }
  const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it('sends the order’s symbol, side, qty and price, and reads passed and refused', async () => {
    const bodies: unknown[] = [];
    await using server = await standIn((body) => {
      bodies.push(JSON.parse(body));
      const refuse = (JSON.parse(body) as { qty: number }).qty > 100;
      return { status: 200, body: JSON.stringify(refuse ? { ok: false, limit: 'max-order-qty', reason: 'qty 5000 > 100' } : { ok: true }) };
    });
    const client = new PretradeClient(urlOf(server));
    expect(await client.check({ ...order(1, 100), clientOrderId: 'c-1' } as never)).toEqual({ kind: 'passed' });
    expect(await client.check(order(5000, 100))).toEqual({ kind: 'refused', limit: 'max-order-qty', reason: 'qty 5000 > 100' });
    expect(bodies[0]).toEqual(order(1, 100));
  });

  it('answers unavailable (never throws) for a non-200, an unreadable decision, a timeout and a refused connection', async () => {
    await using failing = await standIn(() => ({ status: 500, body: '{"error":"internal error"}' }));
    expect(await new PretradeClient(urlOf(failing)).check(order(1, 100))).toEqual({
      kind: 'unavailable',
      reason: `POST ${urlOf(failing)}/pretrade/check answered 500`,
    });
    await using odd = await standIn(() => ({ status: 200, body: '{"ok":"maybe"}' }));
    expect(await new PretradeClient(urlOf(odd)).check(order(1, 100))).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringMatching(/answered 200 with an unreadable decision: \{"ok":"maybe"\}$/),
    });
    await using hanging = await standIn(() => 'hang');
    expect(await new PretradeClient(urlOf(hanging), 100).check(order(1, 100))).toEqual({
      kind: 'unavailable',
      reason: `POST ${urlOf(hanging)}/pretrade/check: no answer within 100 ms`,
    });
    const gone = await standIn(() => 'hang');
    const closed = urlOf(gone);
    await gone[Symbol.asyncDispose]();
    expect(await new PretradeClient(closed).check(order(1, 100))).toEqual({
      kind: 'unavailable',
      reason: `POST ${closed}/pretrade/check: connect ECONNREFUSED ${closed.slice('http://'.length)}`,
    });
  });

  it('healthz() opens the connection the first check goes over, and says why when the risk service is not there', async () => {
    const requests: string[] = [];
    await using server = await standIn((_body, request) => {
      requests.push(`${request.method} ${request.url}`);
      return { status: 200, body: '{"ok":true}' };
    });
    let connections = 0;
    server.on('connection', () => (connections += 1));
    const client = new PretradeClient(urlOf(server));
    await client.healthz();
    expect([requests, connections]).toEqual([['GET /healthz'], 1]);
    // As in the gateway, where orders come well after its start: undici sends a POST on a connection only once it has
    // settled after the previous answer (a POST right after the GET went over a second connection).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await client.check(order(1, 100))).toEqual({ kind: 'passed' });
    expect([requests, connections]).toEqual([['GET /healthz', 'POST /pretrade/check'], 1]);

    const gone = await standIn(() => 'hang');
    const closed = urlOf(gone);
    await gone[Symbol.asyncDispose]();
    await expect(new PretradeClient(closed).healthz()).rejects.toThrow(
      `GET ${closed}/healthz: connect ECONNREFUSED ${closed.slice('http://'.length)}`,
    );
  });

  it("healthz() under the gateway's retryUntilDone keeps trying until the risk service answers", async () => {
    const late = await standIn(() => 'hang');
    const url = urlOf(late);
    await late[Symbol.asyncDispose]();
    const client = new PretradeClient(url);
    const warming = retryUntilDone(
      () => client.healthz(),
      new ThrottledLog(pino({ level: 'silent' }), 'warm-up'),
      AbortSignal.timeout(5000),
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await using _risk = await standIn(() => ({ status: 200, body: '{}' }), Number(new URL(url).port));
    expect(await warming).toBe(true);
  });
});
