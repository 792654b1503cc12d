import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { defaultRunbookPath } from '../../src/runbook/load-runbook.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { promtool, testChangedRules } from '../support/promtool.ts';

const rulesDir = join(repoRoot, 'fixtures', 'prometheus');
const rulesFile = join(rulesDir, 'ats-alerts.yml');
const testFile = join(rulesDir, 'tests', 'ats-alerts.test.yml');

interface AlertRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

async function alertRules(): Promise<AlertRule[]> {
  const document = parse(await readFile(rulesFile, 'utf8')) as { groups: { rules: AlertRule[] }[] };
  return document.groups.flatMap((group) => group.rules).filter((rule) => rule.alert);
}

describe('fixtures/prometheus alert rules', () => {
  it('pass promtool check rules', async () => {
    const { ok, output } = await promtool('check', 'rules', rulesFile);
    expect(ok, `promtool check rules ${rulesFile}:\n${output}`).toBe(true);
  });

  it('pass their promtool unit tests (firing and silent cases for every alert)', async () => {
    const { ok, output } = await promtool('test', 'rules', testFile);
    expect(ok, `promtool test rules ${testFile}:\n${output}`).toBe(true);
  });

  it('have a unit test for every alert, and every alert a severity and an existing runbook section', async () => {
    const rules = await alertRules();
    const tested = new Set([...(await readFile(testFile, 'utf8')).matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    const runbook = await readRunbook(defaultRunbookPath);
    const sections = new Set(runbook.sections.map((section) => section.id));
    for (const rule of rules) {
      expect(tested, `alert ${rule.alert} has no promtool test`).toContain(rule.alert);
      expect(['page', 'ticket'], `alert ${rule.alert}: severity`).toContain(rule.labels?.severity);
      expect(sections, `alert ${rule.alert}: runbook_section "${rule.annotations?.runbook_section}" is not a RUNBOOK.md section`).toContain(
        rule.annotations?.runbook_section,
      );
      expect(rule.annotations?.runbook_url).toBe(`fixtures/runbook/RUNBOOK.md#${rule.annotations?.runbook_section}`);
    }
  });

  it.each([
    ['SharpeRatioLow', 'risk_drawdown_ratio > 0.05', 'risk_drawdown_ratio > 0.01'],
    ['HostMemoryHigh', 'MemTotal_bytes > 0.85', 'MemTotal_bytes > 0.9'],
    ['LokiIngestionLagHigh', 'loki_ingestion_lag_seconds) > 30', 'loki_ingestion_lag_seconds) > 29'],
  ])('fail their unit tests when the %s threshold is mutated', async (alert, original, mutated) => {
    const { ok, output } = await testChangedRules(rulesFile, testFile, original, mutated);
    expect(ok, `promtool passed with ${alert}'s "${original}" mutated to "${mutated}"`).toBe(false);
    expect(output).toContain(alert);
  });
});
