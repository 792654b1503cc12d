import type { Fault } from '../../src/index.ts';
import { adminPost } from '../../src/faults/admin-post.ts';

type Frozen = 'risk_pnl' | 'risk_drawdown_ratio' | 'risk_sharpe_ratio';

/**
 * TEST-ONLY: breaks the reference risk service on purpose through its
 * test-only switch (POST /admin/fault {"mode":"freeze-metrics"},
 * fixtures/ats/risk/metric-freeze.ts): the named gauges keep their value while
 * risk_last_update_timestamp_seconds goes on moving. Not exported from
 * src/index.ts: no scenario of the product uses it.
 *
 * It returns `settleMs` after the freeze, so the faults after it (the market
 * shock) start once Prometheus has scraped the frozen values: a metric frozen
 * a moment before the market moves could show its last real change as a
 * reaction, where a service broken in production has been frozen for long.
 */
export function frozenRiskMetrics(metrics: readonly Frozen[], settleMs = 3_000): Fault {
  const description = `TEST-ONLY: the risk service's ${metrics.join(', ')} frozen at their current values, ${settleMs} ms before what follows`;
  return {
    kind: 'test-only.risk-freeze',
    description,
    async inject(env, signal) {
      const admin = `${env.service('risk').url}/admin`;
      await adminPost(`${admin}/fault`, { mode: 'freeze-metrics', metrics });
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      signal.throwIfAborted();
      let reverted: Promise<void> | undefined;
      return { description, revert: () => (reverted ??= adminPost(`${admin}/clear`, {})) };
    },
  };
}
