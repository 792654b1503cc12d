import type { Probe } from './probe.ts';

/**
 * Traffic is on one instance, and healthy there: every order request of the
 * last `windowMs` was acknowledged and answered by `instance` (behind the
 * blue/green switch, the colour nginx names in `X-Colour`). A rollback is
 * complete when this holds for the old colour.
 */
export function ordersServedBy(instance: string, windowMs = 2000): Probe {
  return {
    name: `every order request of the last ${windowMs} ms acknowledged by ${instance}`,
    async observe({ orderFlow }) {
      const recent = orderFlow.requestsWithin(windowMs);
      if (recent.length === 0) return { ok: false, detail: `no order request answered in the last ${windowMs} ms` };
      const tally = new Map<string, number>();
      for (const request of recent) {
        const key = `${request.outcome} by ${request.servedBy ?? 'no one named'}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      const expected = `acknowledged by ${instance}`;
      return {
        ok: tally.get(expected) === recent.length,
        detail: [...tally].map(([key, count]) => `${count} ${key}`).join(', '),
      };
    },
  };
}
