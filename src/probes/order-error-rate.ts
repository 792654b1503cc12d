import type { Probe } from './probe.ts';

/**
 * The signal a release going wrong gives first: the share of order requests
 * of the last `windowMs` that were not acknowledged (refused, or unanswered)
 * is above `fraction`, over at least `minRequests` requests (so one unlucky
 * request is not a detection).
 */
export function orderErrorRateAbove(fraction: number, windowMs = 3000, minRequests = 10): Probe {
  const percent = `${Math.round(fraction * 100)} %`;
  return {
    name: `more than ${percent} of order requests failing (last ${windowMs} ms)`,
    async observe({ orderFlow }) {
      const recent = orderFlow.requestsWithin(windowMs);
      const failing = recent.filter((request) => request.outcome !== 'acknowledged');
      const rate = recent.length === 0 ? 0 : failing.length / recent.length;
      const statuses = [...new Set(failing.map((request) => request.status ?? 'no answer'))].join(', ');
      return {
        ok: recent.length >= minRequests && rate > fraction,
        detail:
          `${failing.length} of ${recent.length} requests not acknowledged (${Math.round(rate * 100)} %)` +
          (failing.length > 0 ? `: ${statuses}` : '') +
          (recent.length < minRequests ? `; fewer than ${minRequests} requests, too few to judge` : ''),
      };
    },
  };
}
