import { describe, expect, it } from 'vitest';
import { runOneScenario } from '../support/run-one-scenario.ts';
import { followCheck, withFrozen } from './market-shock-broken.ts';

// market-shock against a risk service whose drawdown is frozen (see market-shock-broken.ts).
describe('market-shock against a frozen drawdown (local runtime)', () => {
  it('fails: the gate never opens, so nothing is detected and SharpeRatioLow never fires; the drawdown named', {
    timeout: 180_000,
  }, async () => {
    const { result: frozenDrawdown } = await runOneScenario(withFrozen('risk_drawdown_ratio'));
    expect(frozenDrawdown.verdict).toBe('failed');
    expect(frozenDrawdown.reasons).toEqual(
      expect.arrayContaining([
        'fault not detected (target 15000 ms)',
        expect.stringMatching(/^alert SharpeRatioLow did not fire within 20000 ms/),
        expect.stringMatching(/risk_drawdown_ratio did not follow leg 2 \(-10 % at \+10 s\) within 5000 ms: it stayed at /),
      ]),
    );
    expect(frozenDrawdown.reasons.find((r) => r.startsWith(followCheck))).toMatch(
      /risk_sharpe_ratio followed leg 1 .*risk_pnl followed leg 2/,
    );
  });
});
