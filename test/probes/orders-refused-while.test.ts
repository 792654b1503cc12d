import { describe, expect, it } from 'vitest';
import type { Probe, ProbeContext } from '../../src/probes/probe.ts';
import { noOrderAcknowledgedWhile } from '../../src/probes/orders-refused-while.ts';
import type { OrderFlow, RequestRecord } from '../../src/workload/order-flow.ts';

/** One run's order flow on a clock the test sets, with the requests it made so far. */
function run() {
  const state = { nowMs: 0, requests: [] as RequestRecord[] };
  const orderFlow = {
    now: () => state.nowMs,
    requestsWithin: (ms: number) => state.requests.filter((r) => r.at >= state.nowMs - ms),
  } as unknown as OrderFlow;
  const context = { orderFlow } as unknown as ProbeContext;
  return {
    at(nowMs: number, requests: RequestRecord[] = []): ProbeContext {
      state.nowMs = nowMs;
      state.requests = requests;
      return context;
    },
  };
}
const down: Probe = { name: 'redis down', observe: async () => ({ ok: true, detail: 'refused' }) };
const acked = (at: number): RequestRecord => ({ at, latencyMs: 5, outcome: 'acknowledged', status: 202 });

describe('noOrderAcknowledgedWhile', () => {
  it('fails on an order acknowledged after the notice period of a dependency seen gone at two looks', async () => {
    const probe = noOrderAcknowledgedWhile(down, { noticeMs: 250 });
    const first = run();
    expect((await probe.observe(first.at(1_000))).ok).toBe(true);
    const seen = await probe.observe(first.at(2_000, [acked(1_100), acked(1_600)]));
    expect(seen.ok).toBe(false);
    expect(seen.detail).toMatch(/^1 of 1 order\(s\) requested in the 1000 ms since redis down was first seen/);
  });

  it('starts each run clean: a run that ended with the dependency gone does not open the next run’s window', async () => {
    const probe = noOrderAcknowledgedWhile(down, { noticeMs: 250 });
    const first = run();
    await probe.observe(first.at(1_000));
    expect((await probe.observe(first.at(9_000, [acked(1_500)]))).ok).toBe(false);
    // A second run of the same scenario object, on its own order flow: its first look opens its own window.
    const seen = await probe.observe(run().at(500, [acked(100), acked(400)]));
    expect(seen).toEqual({
      ok: true,
      detail: '0 order(s) requested and none acknowledged in the 0 ms since redis down was first seen (refused)',
    });
  });
});
