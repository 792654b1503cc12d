import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';
import { runOneScenario } from '../support/run-one-scenario.ts';
import { gateExpr, shortOverrun } from './market-shock-broken.ts';

// market-shock with SharpeRatioLow's drawdown gate removed from the run's rules (see market-shock-broken.ts).
describe('market-shock with SharpeRatioLow ungated (local runtime)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-market-shock-'));
    await mkdir(join(dir, 'gateless'));
    const original = await readFile(join(defaultAlertRulesDir, 'ats-alerts.yml'), 'utf8');
    const gateless = original.replace(gateExpr, 'expr: risk_sharpe_ratio < 0');
    expect(gateless).not.toBe(original);
    await writeFile(join(dir, 'gateless', 'ats-alerts.yml'), gateless);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails: the alert fires on the first leg, before its gate opened; the override took its `for` from the mutated rules', {
    timeout: 180_000,
  }, async () => {
    // No recovery probes: what this run proves is seen while the fault is on (+8 s, the first leg); waiting for the
    // rebound at +25 s and SharpeRatioLow resolving after it (17 s) proved nothing more here; the gate's passing run does.
    // With the gate left in the rules, this quicker run passes (checked), so the test still fails then.
    const noRecoveryWait = { ...shortOverrun, recovery: [] };
    const { result: gateless } = await runOneScenario(noRecoveryWait, {
      alertRulesDir: join(dir, 'gateless'),
      reportDir: join(dir, 'reports'),
    });
    // The alert fires on the first leg's negative Sharpe ratio at a 2.8 % drawdown.
    expect(gateless.verdict).toBe('failed');
    expect(gateless.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^between the fault and the recovery, "Prometheus alert SharpeRatioLow fires only once max\(risk_drawdown_ratio\) > 0\.05" did not hold at \+\d+\.\ds: SharpeRatioLow is firing \(active since \S+, value \S+\) but its gate max\(risk_drawdown_ratio\) > 0\.05 did not hold then \(max\(risk_drawdown_ratio\) = 0\.0[0-4]\d*\): the alert fired before its gate opened$/,
        ),
      ]),
    );
    expect(gateless.alertRules?.overrides).toEqual([
      expect.objectContaining({ alert: 'SharpeRatioLow', source: join(dir, 'gateless', 'ats-alerts.yml'), from: '15m', to: '3s' }),
    ]);
    const derived = await readFile(gateless.alertRules!.files[0]!.path, 'utf8');
    expect(derived).toMatch(/expr: risk_sharpe_ratio < 0\n {8}for: 3s\n/);
  });
});
