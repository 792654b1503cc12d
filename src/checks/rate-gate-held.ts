import { exchange, exchangeStats } from '../probes/exchange-stats.ts';
import type { Check } from '../scenario/scenario.ts';
import { rateText } from '../workload/load-multiplier.ts';

export interface RateGateHeldOptions {
  /** The rate the system's gate lets through to the exchange (the reference gateway's RATE_LIMIT_PER_SEC). */
  readonly ordersPerSec: number;
  /** The gate's burst, as a share of a second's worth (the reference gateway's: a tenth). Default 0.1. */
  readonly burstShare?: number;
}

/**
 * The rate gate holds under load: in no wall-clock second did the exchange
 * receive more orders from one client than the gate's rate, its burst, and as
 * many again for arrival jitter (50/s: 60). A gate that lets a backlog through
 * unthrottled, after a ban, shows hundreds.
 * The exchange counts what arrives; a flow asked for less than the gate's
 * rate never tests it, and the detail says so.
 */
export function rateGateHeld(options: RateGateHeldOptions): Check {
  // The gate grants by Redis's clock, the exchange counts by arrival: a second at the exchange may also hold orders
  // granted just before it and delayed on the way, as many again as the burst.
  const allowed = options.ordersPerSec + 2 * Math.ceil(options.ordersPerSec * (options.burstShare ?? 0.1));
  return {
    name: `the rate gate holds: no second sees more than ${allowed} orders at the exchange (${options.ordersPerSec}/s, its burst and arrival jitter)`,
    uses: { services: [exchange] },
    async run({ env, orderFlow }) {
      const { peakOrdersPerSecond } = await exchangeStats(env);
      const asked = orderFlow.load().askedPerSec;
      const tested =
        asked > options.ordersPerSec
          ? `the flow asked ${rateText(asked)}/s, over the gate's rate`
          : `not tested above the gate's rate: the flow asked ${rateText(asked)}/s`;
      if (peakOrdersPerSecond <= allowed)
        return { ok: true, detail: `at most ${peakOrdersPerSecond} orders in one second at the exchange; ${tested}` };
      return {
        ok: false,
        detail:
          `${peakOrdersPerSecond} orders reached the exchange in one second, over the gate's ${options.ordersPerSec}/s (${allowed} with its burst and arrival jitter); ${tested}. ` +
          'The gate must hold whatever the intake: orders above its rate wait in the queue',
      };
    },
  };
}
