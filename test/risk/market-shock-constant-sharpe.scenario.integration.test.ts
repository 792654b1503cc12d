import { describe, expect, it } from 'vitest';
import { runOneScenario } from '../support/run-one-scenario.ts';
import { followCheck, withFrozen } from './market-shock-broken.ts';

// market-shock against a risk service exporting a constant Sharpe ratio (see market-shock-broken.ts).
describe('market-shock against a constant Sharpe ratio (local runtime)', () => {
  it('fails naming the Sharpe ratio that did not follow the first leg, while PnL and drawdown did', { timeout: 180_000 }, async () => {
    const { result: constantSharpe } = await runOneScenario(withFrozen('risk_sharpe_ratio'));
    // It may sit on either side of 0, but it never moves.
    expect(constantSharpe.verdict).toBe('failed');
    const sharpe = constantSharpe.reasons.find((r) => r.startsWith(followCheck));
    expect(sharpe).toMatch(/risk_sharpe_ratio did not follow leg 1 \(-4 % at \+0 s\) within 5000 ms: it stayed at \S+ \(\d+ samples\)/);
    expect(sharpe).toMatch(/risk_pnl followed leg 2 .* in \d+ ms/);
    expect(sharpe).toMatch(/risk_drawdown_ratio followed leg 2 .* in \d+ ms/);
  });
});
