import { exchange, exchangeStats } from '../probes/exchange-stats.ts';
import type { Check } from '../scenario/scenario.ts';

export interface PretradeLimitsOptions {
  /** The largest quantity one order may ask for (the reference risk service's RISK_MAX_ORDER_QTY). */
  readonly maxOrderQty: number;
  /** The largest qty × price one order may ask for (RISK_MAX_ORDER_NOTIONAL). */
  readonly maxOrderNotional: number;
}

/**
 * The pre-trade limits hold under load (RTS 6 Art. 15): every order the
 * workload placed above them on purpose (`workload.oversized`) was refused,
 * and the exchange received no order above them. A run that placed none
 * tested nothing, and fails saying so.
 */
export function pretradeLimitsHeld(limits: PretradeLimitsOptions): Check {
  return {
    name: `pre-trade limits hold: no order above qty ${limits.maxOrderQty} or notional ${limits.maxOrderNotional} acknowledged or at the exchange`,
    uses: { services: [exchange] },
    async run({ env, orderFlow }) {
      const oversized = orderFlow.oversized();
      if (oversized.sent === 0)
        return { ok: false, detail: "no order above the limits was placed: the scenario's workload must declare `oversized`" };
      const stats = await exchangeStats(env);
      const problems = [
        ...(oversized.acknowledged.length > 0
          ? [`${oversized.acknowledged.length} of ${oversized.sent} oversized order(s) acknowledged (first ${oversized.acknowledged[0]})`]
          : []),
        ...(stats.largestOrderQty > limits.maxOrderQty
          ? [`the exchange received an order of qty ${stats.largestOrderQty}, over ${limits.maxOrderQty}`]
          : []),
        ...(stats.largestOrderNotional > limits.maxOrderNotional
          ? [`the exchange received an order of notional ${stats.largestOrderNotional}, over ${limits.maxOrderNotional}`]
          : []),
      ];
      const placed = `${oversized.sent} oversized order(s) placed: ${oversized.refused} refused, ${oversized.failed} unanswered`;
      if (problems.length > 0) return { ok: false, detail: `${problems.join('; ')} (${placed})` };
      return {
        ok: true,
        detail: `${placed}, none acknowledged; the largest order at the exchange: qty ${stats.largestOrderQty}, notional ${stats.largestOrderNotional}`,
      };
    },
  };
}
