/**
 * What a deployment cost the traffic: every order request of the whole run
 * that was not acknowledged, by the instance that answered it (nginx's colour)
 * and how it ended. A swap between two healthy colours must cost nothing; a
 * bad release costs what it costs while it is live, and the evidence counts it,
 * but the colour rolled back to must have failed none.
 */
import type { RequestRecord } from '../workload/order-flow.ts';
import type { Check } from '../scenario/scenario.ts';

export interface FailedRequestsLimit {
  /** How many failed requests are allowed (of those counted). */
  readonly atMost: number;
  /** Count only the requests this instance answered (`blue`); absent: every request, unanswered ones included. */
  readonly servedBy?: string;
}

export function failedRequests({ atMost, servedBy }: FailedRequestsLimit): Check {
  const which = servedBy === undefined ? 'order requests' : `order requests answered by ${servedBy}`;
  return {
    name: `at most ${atMost} ${which} failed over the run`,
    async run({ orderFlow }) {
      const all = orderFlow.requestsWithin(Number.POSITIVE_INFINITY);
      const failed = all.filter((request) => request.outcome !== 'acknowledged');
      const counted = servedBy === undefined ? failed : failed.filter((request) => request.servedBy === servedBy);
      return {
        ok: counted.length <= atMost,
        detail: `${counted.length} of the ${which} failed (at most ${atMost}); of all ${all.length} requests: ${breakdown(failed)}`,
      };
    },
  };
}

function breakdown(failed: readonly RequestRecord[]): string {
  if (failed.length === 0) return 'none failed';
  const groups = new Map<string, { count: number; reasons: Set<string> }>();
  for (const request of failed) {
    const key = `${request.outcome}${request.status === undefined ? '' : ` ${request.status}`} by ${request.servedBy ?? 'no one named'}`;
    const group = groups.get(key) ?? { count: 0, reasons: new Set<string>() };
    group.count++;
    if (request.reason !== undefined) group.reasons.add(request.reason);
    groups.set(key, group);
  }
  const parts = [...groups].map(([key, { count, reasons }]) => `${count} ${key}${reasonsText([...reasons])}`);
  return `${failed.length} failed: ${parts.join(', ')}`;
}

/** The distinct reasons a group was given, the first few in full: what tells a load-bound refusal from a broken release. */
function reasonsText(reasons: readonly string[]): string {
  if (reasons.length === 0) return '';
  const shown = reasons.slice(0, REASONS_SHOWN).map((reason) => `"${reason}"`);
  const hidden = reasons.length - REASONS_SHOWN;
  const more = hidden > 0 ? ` and ${hidden} other reason${hidden === 1 ? '' : 's'}` : '';
  return ` (${shown.join('; ')}${more})`;
}

const REASONS_SHOWN = 3;
