import { setTimeout as sleep } from 'node:timers/promises';
import { exchange, exchangeStats } from './exchange-stats.ts';
import type { Probe } from './probe.ts';

export interface KillSwitchRefusesOptions {
  /** What the refusal must say, so that a refusal for another cause (a dependency down) is not taken for the switch. */
  readonly reasonMatches: RegExp;
  /** How long nothing new may reach the exchange after the probe's order (the order flow keeps sending meanwhile). */
  readonly watchMs: number;
}

/**
 * While a kill switch is engaged, a new order is refused where the strategy sees it (the system's answer names the
 * switch), and nothing new reaches the exchange: its own count of orders received does not move for `watchMs`,
 * while the scenario's order flow keeps placing orders. Places one order of its own (through the workload adapter).
 */
export function killSwitchRefusesOrders(options: KillSwitchRefusesOptions): Probe {
  return {
    name: `a new order is refused (${options.reasonMatches.source}) and none reaches the exchange for ${options.watchMs} ms`,
    uses: { services: [exchange] },
    async observe({ env, orderFlow, signal }) {
      const before = (await exchangeStats(env)).received;
      const order = { clientOrderId: `kill-switch-probe-${Date.now()}`, symbol: 'BTC-USD', side: 'buy' as const, qty: 1, price: 100 };
      const answer = await orderFlow.workload.place(order, signal);
      await sleep(options.watchMs, undefined, { signal });
      const after = (await exchangeStats(env)).received;
      const answered =
        answer.outcome === 'acknowledged'
          ? `a new order was acknowledged (${answer.orderId})`
          : `a new order was refused (${answer.status ?? 'no status'}: ${answer.reason ?? 'no reason given'})`;
      const refusedForTheSwitch = answer.outcome === 'refused' && options.reasonMatches.test(answer.reason ?? '');
      const reached = after - before;
      return {
        ok: refusedForTheSwitch && reached === 0,
        detail: `${answered}; the exchange received ${reached} new order(s) in ${options.watchMs} ms (${before} → ${after})`,
      };
    },
  };
}
