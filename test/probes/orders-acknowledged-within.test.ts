import { describe, expect, it } from 'vitest';
import { ordersAcknowledgedWithin } from '../../src/probes/order-flow.ts';
import { not, type ProbeContext } from '../../src/probes/probe.ts';
import type { RequestRecord } from '../../src/workload/order-flow.ts';

/** The flow's clock stands at 10 000 ms; `heldUp` are the spans the harness itself was held up, [from, to]. */
const now = 10_000;
const context = (requests: RequestRecord[], heldUp: [number, number][] = []) =>
  ({
    orderFlow: {
      now: () => now,
      requestsWithin: () => requests,
      heldUpBetween: (from: number, to: number) =>
        heldUp.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(to, b) - Math.max(from, a)), 0),
    },
  }) as unknown as ProbeContext;
/** An order acknowledged `at` (default: just now) after `latencyMs`. */
const acked = (latencyMs: number, serverMs?: number, at = now): RequestRecord => ({
  at,
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
      await ordersAcknowledgedWithin(250).observe(context([acked(100), acked(120), { at: now, latencyMs: 900, outcome: 'refused' }])),
    ).toEqual({
      ok: true,
      detail: '2 acked, p95 120 ms',
    });
  });

  it('leaves out the orders that were out while the harness itself was held up, saying how many', async () => {
    // Ten answered at 9 000-9 900 ms in 50 ms; the harness held up 9 500-9 800: the three out then read late (900 ms).
    const early = Array.from({ length: 7 }, (_, i) => acked(50, 40, 9_000 + i * 50));
    const late = [9_800, 9_800, 9_800].map((at) => acked(900, 40, at));
    expect(await ordersAcknowledgedWithin(250).observe(context([...early, ...late], [[9_500, 9_800]]))).toEqual({
      ok: true,
      detail:
        "7 acked, p95 50 ms; the system's own p95 40 ms (Server-Timing); 3 more left out: the harness itself was held up while 3 of them were out (its order timer ran 100 ms or more late)",
    });
    // Without the hold-up, the same answers are the system's: they fail the target.
    expect(await ordersAcknowledgedWithin(250).observe(context([...early, ...late]))).toMatchObject({ ok: false });
  });

  it('is blind when over half its orders were out while the harness was held up, or none was acked in a held-up window', async () => {
    const slow = Array.from({ length: 20 }, (_, i) => acked(600 + i));
    expect(await ordersAcknowledgedWithin(250).observe(context(slow, [[9_500, 9_900]]))).toEqual({
      ok: false,
      blind: true,
      detail:
        '20 acked, but the harness itself was held up while 20 of them were out (its order timer ran 100 ms or more late): their latency is partly its own, so not evidence either way',
    });
    expect(await ordersAcknowledgedWithin(250).observe(context([], [[8_500, 9_900]]))).toEqual({
      ok: false,
      blind: true,
      detail:
        'no order acknowledged in the last 2000 ms; but the harness itself was held up 1400 ms of those 2000 ms (its order timer ran 100 ms or more late), so not evidence either way',
    });
    // A hold-up before the window, or before the orders were sent, changes nothing.
    expect(await ordersAcknowledgedWithin(250).observe(context([], [[7_000, 7_900]]))).toEqual({
      ok: false,
      detail: 'no order acknowledged in the last 2000 ms',
    });
    expect(await ordersAcknowledgedWithin(250).observe(context(slow, [[8_000, 9_000]]))).toMatchObject({
      ok: false,
      detail: '20 acked, p95 618 ms',
    });
  });

  it('stays blind negated: a look the harness could not take detects nothing', async () => {
    const negated = not(ordersAcknowledgedWithin(250));
    expect(await negated.observe(context([], [[8_500, 9_900]]))).toMatchObject({ ok: false, blind: true });
    expect(await negated.observe(context([]))).toMatchObject({ ok: true });
  });
});
