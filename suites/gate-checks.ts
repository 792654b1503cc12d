import { expect } from 'vitest';
import type { ScenarioResult } from '../src/index.ts';

/** What the release-gate test files assert of every scenario: passed, inside its targets, its expected alerts fired in time, nothing lost. */
export function expectPassedWithinTargets(result: ScenarioResult | undefined, label: string): void {
  expect(result, `${label}: no result`).toBeDefined();
  expect(result!.reason ?? '', `${label}: verdict ${result!.verdict}`).toBe('');
  expect(result!.verdict).toBe('passed');
  expect(result!.measured.detectMs).toBeLessThanOrEqual(result!.targets.detectMs);
  expect(result!.measured.recoveryMs).toBeLessThanOrEqual(result!.targets.recoveryMs);
  expect(result!.measured.dataLoss).toBe(0);
  expect(result!.measured.duplicates).toBe(0);
  for (const alert of result!.measured.alerts) {
    expect(alert.firedMs, `${label}: ${alert.alert}`).not.toBeNull();
    expect(alert.firedMs!, `${label}: ${alert.alert}`).toBeLessThanOrEqual(alert.withinMs);
    // Alertmanager routed it to the runbook's contacts (PagerDuty schedule or Slack handle).
    expect(alert.notified, `${label}: ${alert.alert} notified`).not.toEqual([]);
  }
}
