import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertRulesPerScenario, describeOverrides, scenarioAlertRules } from '../../src/runner/scenario-alert-rules.ts';
import { AlertRuleOverrideError } from '../../src/runtime/alert-rule-overrides.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';

const rulesDir = 'fixtures/prometheus';
const scenario = (id: string, alertRuleOverrides: Scenario['alertRuleOverrides'] = []) => ({ id, alertRuleOverrides }) as Scenario;
let reportDir: string;
beforeEach(async () => {
  reportDir = await mkdtemp(join(tmpdir(), 'firedrill-rules-run-'));
});
afterEach(() => rm(reportDir, { recursive: true, force: true }));

describe('scenarioAlertRules', () => {
  it("loads the run's rules unchanged when the scenario overrides nothing, deriving nothing", async () => {
    expect(await scenarioAlertRules(scenario('redis-outage'), rulesDir, reportDir)).toEqual({ dir: rulesDir });
  });

  it("derives the scenario's own copy under the run's report dir, and names it, its hashes and each override in the evidence", async () => {
    const rules = await scenarioAlertRules(
      scenario('market-shock', [{ alert: 'SharpeRatioLow', for: '3s', reason: 'a drill cannot wait 15 minutes' }]),
      rulesDir,
      reportDir,
    );
    const dir = join(reportDir, 'alert-rules', 'market-shock');
    expect(rules.dir).toBe(dir);
    const copy = await readFile(join(dir, 'ats-alerts.yml'), 'utf8');
    expect(rules.evidence).toEqual({
      dir,
      files: [{ path: join(dir, 'ats-alerts.yml'), sha256: createHash('sha256').update(copy).digest('hex') }],
      overrides: [
        {
          alert: 'SharpeRatioLow',
          source: 'fixtures/prometheus/ats-alerts.yml',
          line: expect.any(Number),
          from: '15m',
          to: '3s',
          reason: 'a drill cannot wait 15 minutes',
        },
      ],
    });
    expect(describeOverrides(rules)).toEqual([`alert rule SharpeRatioLow: for 15m → 3s in ${dir} (a drill cannot wait 15 minutes)`]);
  });
});

describe('alertRulesPerScenario', () => {
  it('resolves every scenario by id', async () => {
    const resolved = await alertRulesPerScenario(
      [scenario('redis-outage'), scenario('market-shock', [{ alert: 'SharpeRatioLow', for: '3s', reason: 'r' }])],
      rulesDir,
      reportDir,
    );
    expect([...resolved.keys()]).toEqual(['redis-outage', 'market-shock']);
    expect(resolved.get('redis-outage')).toEqual({ dir: rulesDir });
    expect(describeOverrides(resolved.get('redis-outage')!)).toEqual([]);
  });

  it('lists every override that does not apply, across scenarios, naming each scenario', async () => {
    const run = alertRulesPerScenario(
      [
        scenario('a', [{ alert: 'NoSuchAlert', for: '3s', reason: 'r' }]),
        scenario('b', [{ alert: 'AlsoMissing', for: '3s', reason: 'r' }]),
      ],
      rulesDir,
      reportDir,
    );
    await expect(run).rejects.toThrow(AlertRuleOverrideError);
    const error = (await run.catch((e: unknown) => e)) as AlertRuleOverrideError;
    expect(error.message).toMatch(/scenario a: no alerting rule named NoSuchAlert; the rules define: ServiceDown, /);
    expect(error.message).toMatch(/scenario b: no alerting rule named AlsoMissing/);
  });
});
