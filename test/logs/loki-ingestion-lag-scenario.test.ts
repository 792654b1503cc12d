import { describe, expect, it } from 'vitest';
import scenario from '../../scenarios/loki-ingestion-lag.ts';
import { durationMs } from '../../src/runtime/alert-rule-overrides.ts';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { readPrometheusAlerts } from '../../src/runbook/lint/prometheus-rules.ts';
import { readRunbook } from '../../src/runbook/parse.ts';

// The scenario without its 75 s stall (the release gate runs it): bound to the
// runbook on both runtimes, and its timing consistent with the alert rule and
// the `for` the drill gives it.
describe('scenario loki-ingestion-lag', () => {
  it.each([
    ['local', 'pm2 restart log-shipper'],
    ['docker', 'docker restart "$LOG_SHIPPER_CONTAINER"'],
  ])("binds to the runbook's lag check and shipper restart on %s", async (runtime, restart) => {
    const [bound] = bindToRunbook([scenario], await readRunbook('fixtures/runbook/RUNBOOK.md'), runtime);
    expect(bound!.remediation.map((step) => [step.id, step.run])).toEqual([
      ['logs.lag-check', expect.stringContaining('max(loki_ingestion_lag_seconds) > 30')],
      ['logs.restart-shipper', restart],
    ]);
  });

  it("its alert's `for` is shortened for the drill, from the rule's real 2m, and only that", async () => {
    const rule = (await readPrometheusAlerts('fixtures/prometheus/ats-alerts.yml')).find((a) => a.name === 'LokiIngestionLagHigh')!;
    expect(rule.expr).toBe('max(loki_ingestion_lag_seconds) > 30');
    // The production rule keeps its two minutes (promtool's tests pin them); the scenario shortens them to 20 s.
    expect(rule.forSeconds).toBe(120);
    expect(scenario.alertRuleOverrides).toEqual([{ alert: 'LokiIngestionLagHigh', for: '20s', reason: expect.stringContaining('2m') }]);
    expect(scenario.description).toContain('`for: 2m` shortened to 20 s');
    expect(scenario.controls[0]).toContain('promtool tests the real `for: 2m`');
  });

  it('its stall outlasts detection plus the shortened `for`, so the restart runs while the link is still stalled', () => {
    expect(scenario.detection.name).toBe('log-sink ingestion lag above 30 s');
    const [fire] = scenario.alerts.fire;
    const overriddenForMs = durationMs(scenario.alertRuleOverrides[0]!.for);
    expect(fire).toEqual({ alert: 'LokiIngestionLagHigh', withinMs: 55_000 });
    expect(scenario.faults[0]!.description).toMatch(/stalled until reverted on shipper-logsink, for 75000 ms$/);
    const stallMs = 75_000;
    // lag > 30 s after ~30 s, firing `for` later, plus scrape and evaluation: within the alert's target.
    expect(30_000 + overriddenForMs).toBeLessThan(fire!.withinMs);
    // The health check, lag check and restart (about 2 s measured) get at least 20 s before the link heals, even at the target.
    expect(stallMs - fire!.withinMs).toBeGreaterThanOrEqual(20_000);
    // Detection comes before the page, within its target.
    expect(scenario.targets.detectMs).toBeLessThan(fire!.withinMs);
    expect(scenario.alerts.quiet).toContain('ServiceDown');
  });
});
