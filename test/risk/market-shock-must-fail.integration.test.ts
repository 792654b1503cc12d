import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import marketShock from '../../scenarios/market-shock.ts';
import { localRuntime, runScenarios, type Scenario, type ScenarioResult } from '../../src/index.ts';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { frozenRiskMetrics } from '../support/frozen-risk-metrics.ts';

// market-shock must be able to fail, for each promise it makes about the
// risk side. Three broken systems, side by side on the local runtime (the
// passing run, on both runtimes, is in the release gate):
//   - a risk service exporting a constant Sharpe ratio,
//   - one whose drawdown is frozen,
//   - SharpeRatioLow without its drawdown gate (the run's rules mutated; the
//     scenario's override still shortens its `for`).
// A miss is a miss: the overrun past each target is cut to 2 s. The frozen
// metrics freeze 3 s before the shock, and the first injection starts the
// clock: the frozen runs' targets (detection 15 s, the alert 20 s) are 3 s
// tighter than the scenario's, which the assertions do not rely on.
const gateExpr = 'expr: risk_sharpe_ratio < 0 and risk_drawdown_ratio > 0.05';
const check = 'check "risk metrics follow the market within 5000 ms" failed: ';

function withFrozen(metric: 'risk_sharpe_ratio' | 'risk_drawdown_ratio'): Scenario {
  return {
    ...marketShock,
    faults: [frozenRiskMetrics([metric]), ...marketShock.faults],
    timeouts: { ...marketShock.timeouts, overrunMs: 2_000 },
  };
}

describe('market-shock against a broken risk side (local runtime)', () => {
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

  it('refuses rules without SharpeRatioLow before anything starts: exit 2, naming the scenario and the rules', async () => {
    const rules = join(dir, 'no-sharpe');
    await mkdir(rules);
    const original = await readFile(join(defaultAlertRulesDir, 'ats-alerts.yml'), 'utf8');
    await writeFile(join(rules, 'ats-alerts.yml'), original.slice(0, original.indexOf('  - name: ats-risk')));
    const reports = join(dir, 'no-sharpe-reports');
    const run = await execa(
      'npm',
      ['run', '--silent', 'firedrill', '--', 'run', 'market-shock', '--alert-rules', rules, '--report-dir', reports],
      {
        reject: false,
      },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`firedrill: alert rule overrides do not apply to the rules in ${rules}:`);
    expect(run.stderr).toMatch(/\n {2}- scenario market-shock: no alerting rule named SharpeRatioLow; the rules define: ServiceDown, /);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).not.toMatch(/environment .* ready/);
  });

  it('fails naming the frozen metric, and the alert that fired before its gate opened', { timeout: 240_000 }, async () => {
    const run = async (name: string, scenario: Scenario, alertRulesDir?: string): Promise<ScenarioResult> => {
      const reportDir = join(dir, name);
      const { evidence } = await runScenarios([scenario], {
        runtime: localRuntime,
        reportDir,
        signal: new AbortController().signal,
        ...(alertRulesDir ? { alertRulesDir } : {}),
      });
      expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'))), name).toEqual([]);
      return evidence.scenarios[0]!;
    };
    const started = performance.now();
    const [constantSharpe, frozenDrawdown, gateless] = await Promise.all([
      run('constant-sharpe', withFrozen('risk_sharpe_ratio')),
      run('frozen-drawdown', withFrozen('risk_drawdown_ratio')),
      run('gateless', { ...marketShock, timeouts: { ...marketShock.timeouts, overrunMs: 2_000 } }, join(dir, 'gateless')),
    ]);
    console.log(`three broken market-shock runs side by side: ${Math.round((performance.now() - started) / 1000)} s`);
    for (const [name, result] of Object.entries({ constantSharpe, frozenDrawdown, gateless })) console.log(name, result.reasons);

    // A constant Sharpe ratio: it may sit on either side of 0, but it never moves.
    expect(constantSharpe.verdict).toBe('failed');
    const sharpe = constantSharpe.reasons.find((r) => r.startsWith(check));
    expect(sharpe).toMatch(/risk_sharpe_ratio did not follow leg 1 \(-4 % at \+0 s\) within 5000 ms: it stayed at \S+ \(\d+ samples\)/);
    expect(sharpe).toMatch(/risk_pnl followed leg 2 .* in \d+ ms/);
    expect(sharpe).toMatch(/risk_drawdown_ratio followed leg 2 .* in \d+ ms/);

    // A frozen drawdown: the gate never opens, so nothing is detected and the alert never fires.
    expect(frozenDrawdown.verdict).toBe('failed');
    expect(frozenDrawdown.reasons).toEqual(
      expect.arrayContaining([
        'fault not detected (target 15000 ms)',
        expect.stringMatching(/^alert SharpeRatioLow did not fire within 20000 ms/),
        expect.stringMatching(/risk_drawdown_ratio did not follow leg 2 \(-10 % at \+10 s\) within 5000 ms: it stayed at /),
      ]),
    );
    expect(frozenDrawdown.reasons.find((r) => r.startsWith(check))).toMatch(/risk_sharpe_ratio followed leg 1 .*risk_pnl followed leg 2/);

    // No drawdown gate: the alert fires on the first leg's negative Sharpe ratio at a 2.8 % drawdown.
    expect(gateless.verdict).toBe('failed');
    expect(gateless.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^while the fault was on, "Prometheus alert SharpeRatioLow fires only once max\(risk_drawdown_ratio\) > 0\.05" did not hold at \+\d+\.\ds: SharpeRatioLow is firing \(active since \S+, value \S+\) but its gate max\(risk_drawdown_ratio\) > 0\.05 did not hold then \(max\(risk_drawdown_ratio\) = 0\.0[0-4]\d*\): the alert fired before its gate opened$/,
        ),
      ]),
    );
    // The override took its `for` from the mutated rules, and says so.
    expect(gateless.alertRules?.overrides).toEqual([
      expect.objectContaining({ alert: 'SharpeRatioLow', source: join(dir, 'gateless', 'ats-alerts.yml'), from: '15m', to: '3s' }),
    ]);
    const derived = await readFile(gateless.alertRules!.files[0]!.path, 'utf8');
    expect(derived).toMatch(/expr: risk_sharpe_ratio < 0\n {8}for: 3s\n/);
  });
});
