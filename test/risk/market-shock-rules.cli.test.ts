import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';

// market-shock's override of SharpeRatioLow's `for` needs the rule: rules without it are a configuration error,
// found before anything starts (its broken-risk runs: test/risk/market-shock-*.scenario.integration.test.ts).
describe('firedrill run market-shock --alert-rules DIR', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-market-shock-rules-'));
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
});
