/**
 * market-shock must be able to fail, for each promise it makes about the
 * risk side. Three broken systems on the local runtime, one file and one
 * environment each (the passing run, on both runtimes, is in the release gate):
 *   - a risk service exporting a constant Sharpe ratio (market-shock-constant-sharpe),
 *   - one whose drawdown is frozen (market-shock-frozen-drawdown),
 *   - SharpeRatioLow without its drawdown gate (market-shock-gateless: the
 *     run's rules mutated; the scenario's override still shortens its `for`).
 * A miss is a miss: the overrun past each target is cut to 2 s. The frozen
 * metrics freeze 3 s before the shock, and the first injection starts the
 * clock: the frozen runs' targets (detection 15 s, the alert 20 s) are 3 s
 * tighter than the scenario's, which the assertions do not rely on.
 */
import marketShock from '../../scenarios/market-shock.ts';
import type { Scenario } from '../../src/index.ts';
import { frozenRiskMetrics } from '../support/frozen-risk-metrics.ts';

export const gateExpr = 'expr: risk_sharpe_ratio < 0 and risk_drawdown_ratio > 0.05';
export const followCheck = 'check "risk metrics follow the market within 5000 ms" failed: ';

/** market-shock with its overrun cut to 2 s. */
export const shortOverrun: Scenario = { ...marketShock, timeouts: { ...marketShock.timeouts, overrunMs: 2_000 } };

/** market-shock, overrun cut, with `metric` frozen from 3 s before the shock. */
export function withFrozen(metric: 'risk_sharpe_ratio' | 'risk_drawdown_ratio'): Scenario {
  return { ...shortOverrun, faults: [frozenRiskMetrics([metric]), ...marketShock.faults] };
}
