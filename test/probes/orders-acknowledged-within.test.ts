import { describe, expect, it } from 'vitest';
import { ordersAcknowledgedWithin } from '../../src/probes/order-flow.ts';
import { not, type ProbeContext } from '../../src/probes/probe.ts';
import type { RequestRecord } from '../../src/workload/order-flow.ts';

const context = (requests: RequestRecord[], stalledMs = 0) =>
  ({ orderFlow: { requestsWithin: () => requests, harnessStalledWithin: () => stalledMs } }) as unknown as ProbeContext;
const acked = (latencyMs: number, serverMs?: number): RequestRecord => ({
  at: 0,
  latencyMs,
  outcome: 'acknowledged',
  ...(serverMs === undefined ? {} : { serverMs }),
});

describe('ordersAcknowledgedWithin', () => {
  it('judges the p95 the client saw, and gives the system’s own beside it when it said (Server-Timing)', async () => {
    const slowOnTheWay = Array.from({ length: 20 }, (_, i) => acked(600 + i, 20 + i));
    expect(await ordersAcknowledgedWithin(250).observe(context(slowOnTheWay))).toEqual({
      ok: false,
      detail: "20 acked, p95 618 ms; the system's own p95 38 ms (Server-Timing)",
    });
  });

  it('says nothing of the system’s own time when it did not say', async () => {
    expect(
      await ordersAcknowledgedWithin(250).observe(context([acked(100), acked(120), { at: 0, latencyMs: 900, outcome: 'refused' }])),
    ).toEqual({
      ok: true,
      detail: '2 acked, p95 120 ms',
    });
  });

  it('is blind, not broken, when it fails over a window in which the harness itself was held up', async () => {
    const slow = Array.from({ length: 20 }, (_, i) => acked(600 + i));
    expect(await ordersAcknowledgedWithin(250).observe(context(slow, 1400))).toEqual({
      ok: false,
      blind: true,
      detail:
        '20 acked, p95 618 ms; but the harness itself was held up 1400 ms of those 2000 ms (its order timer ran over a second late), so not evidence either way',
    });
    expect(await ordersAcknowledgedWithin(250).observe(context([], 1400))).toMatchObject({ ok: false, blind: true });
    expect(await ordersAcknowledgedWithin(250).observe(context([acked(100)], 1400))).toEqual({ ok: true, detail: '1 acked, p95 100 ms' });
  });

  it('stays blind negated: a look the harness could not take detects nothing', async () => {
    const negated = not(ordersAcknowledgedWithin(250));
    expect(await negated.observe(context([], 1400))).toMatchObject({ ok: false, blind: true });
    expect(await negated.observe(context([], 0))).toMatchObject({ ok: true });
  });
});
