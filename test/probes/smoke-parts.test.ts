import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { orderCancelAnswered } from '../../src/probes/order-cancel-answered.ts';
import { orderPlacedAndFilled } from '../../src/probes/order-filled.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { scrapedRecently } from '../../src/probes/scraped-recently.ts';
import { isLogFileOf, lineTime } from '../../src/probes/service-logs-arrive.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import type { OrderFlow } from '../../src/workload/order-flow.ts';
import type { CancelAnswer, WorkloadAdapter } from '../../src/workload/workload-adapter.ts';
import { acknowledgeAll, InMemoryWorkload } from '../support/in-memory-workload.ts';

// The post-rollback smoke suite's parts judging what a system answers: an
// in-memory system and an in-process stand-in for Prometheus' query API. On
// the real reference system: test/ats/bad-builds-and-smoke.integration.test.ts.
const signal = new AbortController().signal;
const contextOf = (workload: WorkloadAdapter, env: Partial<Environment> = {}) =>
  ({ orderFlow: { workload } as OrderFlow, env, signal }) as unknown as ProbeContext;

/** Fills every order it acknowledges, after `fillAfterReads` readBacks. */
function fillingWorkload(fills = 1, fillAfterReads = 1): InMemoryWorkload {
  const workload = new InMemoryWorkload();
  const readBack = workload.readBack.bind(workload);
  workload.readBack = async (ids) => {
    if (workload.asked.length >= fillAfterReads) workload.hold(Object.fromEntries(ids.map((id) => [id, fills])));
    return readBack(ids);
  };
  return workload;
}

describe('orderPlacedAndFilled', () => {
  it('holds once the acknowledged order is filled, naming it', async () => {
    const workload = fillingWorkload(1, 3);
    const seen = await orderPlacedAndFilled({ withinMs: 2000 }).observe(contextOf(workload));
    expect(seen).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^order smoke-\S+ acknowledged as o-smoke-\S+, filled within \d+ ms$/),
    });
    expect(workload.placed).toHaveLength(1);
  });

  it('does not hold for a refused order, an order never filled, one filled twice, or no answer', async () => {
    const refusing = new InMemoryWorkload(async () => ({ outcome: 'refused', status: 400, reason: 'invalid timeInForce: Required' }));
    expect(await orderPlacedAndFilled().observe(contextOf(refusing))).toMatchObject({
      ok: false,
      answered: true,
      detail: expect.stringMatching(/^order smoke-\S+ refused \(400: invalid timeInForce: Required\)$/),
    });
    expect(await orderPlacedAndFilled({ withinMs: 300 }).observe(contextOf(new InMemoryWorkload()))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/acknowledged as \S+, not filled within 300 ms$/),
    });
    expect(await orderPlacedAndFilled().observe(contextOf(fillingWorkload(2)))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/filled 2 times$/),
    });
    const silent = new InMemoryWorkload(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:7000')));
    expect(await orderPlacedAndFilled().observe(contextOf(silent))).toMatchObject({
      ok: false,
      answered: false,
      detail: expect.stringMatching(/got no answer \(waited up to 5000 ms\): connect ECONNREFUSED/),
    });
  });
});

describe('orderCancelAnswered', () => {
  const cancelling = (answer: () => Promise<CancelAnswer>) => {
    const workload = new InMemoryWorkload(acknowledgeAll) as InMemoryWorkload & { cancel: WorkloadAdapter['cancel'] };
    const cancelled: string[] = [];
    workload.cancel = async (orderId) => {
      cancelled.push(orderId);
      return answer();
    };
    return { workload, cancelled };
  };

  it('holds when the order is cancelled, or was already filled: both correct answers', async () => {
    const { workload, cancelled } = cancelling(async () => ({ outcome: 'cancelled' }));
    expect(await orderCancelAnswered().observe(contextOf(workload))).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/cancelled$/),
    });
    expect(cancelled).toEqual([`o-${workload.placed[0]!.clientOrderId}`]);
    const late = cancelling(async () => ({ outcome: 'too-late', state: 'filled' })).workload;
    expect(await orderCancelAnswered().observe(contextOf(late))).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/was already filled: cancel refused, correctly$/),
    });
  });

  it('does not hold for a refused cancel, no answer, or an adapter that cannot cancel', async () => {
    const refused = cancelling(async () => ({ outcome: 'refused', status: 404, reason: 'Route POST:/orders/x/cancel not found' })).workload;
    expect(await orderCancelAnswered().observe(contextOf(refused))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^cancel of order smoke-\S+ \(o-smoke-\S+\) refused \(404: Route POST/),
    });
    const silent = cancelling(() => Promise.reject(new Error('socket hang up'))).workload;
    expect(await orderCancelAnswered().observe(contextOf(silent))).toMatchObject({ ok: false, answered: false });
    expect(await orderCancelAnswered().observe(contextOf(new InMemoryWorkload()))).toEqual({
      ok: false,
      detail: 'the workload adapter has no cancel(orderId, signal): nothing to cancel through',
    });
  });
});

describe('scrapedRecently', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  /** Prometheus' query API answering `up` with `value` and the age query with `ageSeconds`; no series when undefined. */
  async function prometheusWith(value: number | undefined, ageSeconds: number | undefined) {
    const queries: string[] = [];
    const server = createServer((request, response) => {
      const query = new URL(request.url!, 'http://x').searchParams.get('query')!;
      queries.push(query);
      const sample = query.startsWith('time()') ? ageSeconds : value;
      const result = sample === undefined ? [] : [{ metric: { job: 'order-gateway' }, value: [1_700_000_000, String(sample)] }];
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => server.close();
    const env = {
      id: 'e',
      runtime: 'local',
      variables: () => ({ PROMETHEUS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    };
    return { env: env as unknown as Environment, queries };
  }
  const observe = (env: Environment) =>
    scrapedRecently('order-gateway', { maxAgeMs: 5000 }).observe(contextOf(new InMemoryWorkload(), env));

  it('holds when the newest scrape succeeded and is recent, asking Prometheus for the job named after the service', async () => {
    const { env, queries } = await prometheusWith(1, 0.8);
    expect(await observe(env)).toEqual({ ok: true, detail: 'up{job="order-gateway"} is 1, scraped 800 ms ago' });
    expect(queries.sort()).toEqual(['time() - timestamp(up{job="order-gateway"})', 'up{job="order-gateway"}']);
  });

  it('does not hold when the scrape failed, is too old, or the job is not scraped', async () => {
    expect(await observe((await prometheusWith(0, 1)).env)).toEqual({
      ok: false,
      detail: 'up{job="order-gateway"} is 0, scraped 1000 ms ago: the last scrape failed',
    });
    close?.();
    expect(await observe((await prometheusWith(1, 12)).env)).toEqual({
      ok: false,
      detail: 'up{job="order-gateway"} is 1, scraped 12000 ms ago: older than 5000 ms',
    });
    close?.();
    expect(await observe((await prometheusWith(undefined, undefined)).env)).toEqual({
      ok: false,
      detail: 'Prometheus has no up{job="order-gateway"}: job order-gateway is not scraped',
    });
  });
});

describe('isLogFileOf', () => {
  it("takes a service's own log files and its colours', nothing else", () => {
    for (const name of ['order-gateway.log', 'order-gateway.err.log', 'order-gateway-blue.log', 'order-gateway-green.err.log'])
      expect(isLogFileOf('order-gateway', name), name).toBe(true);
    for (const name of ['order-gateway-2.log', 'risk.log', 'order-gateway.log.1', 'xorder-gateway.log', 'order-gateway.out'])
      expect(isLogFileOf('order-gateway', name), name).toBe(false);
  });
});

describe('lineTime', () => {
  it('dates a pino line by its time, and nothing else', () => {
    expect(lineTime('{"level":30,"time":1764650000123,"msg":"order cancelled"}')).toBe(1_764_650_000_123);
    expect(lineTime('{"level":30,"time":"2026-12-02T05:00:00Z"}')).toBeUndefined();
    expect(lineTime('{"level":30,"msg":"no time"}')).toBeUndefined();
    expect(lineTime('{not json')).toBeUndefined();
    expect(lineTime('2026-12-02 05:00:00 plain text')).toBeUndefined();
  });
});
