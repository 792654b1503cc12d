import { describe, expect, it } from 'vitest';
import scenario from '../../scenarios/loki-ingestion-lag.ts';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { readPrometheusAlerts } from '../../src/runbook/lint/prometheus-rules.ts';
import { readRunbook } from '../../src/runbook/parse.ts';

// The scenario without its three minutes (the release gate runs it): bound to
// the runbook on both runtimes, and its timing consistent with the alert rule.
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

  it("its stall outlasts detection plus the rule's `for`, so the restart runs while the link is still stalled", async () => {
    const rule = (await readPrometheusAlerts('fixtures/prometheus/ats-alerts.yml')).find((a) => a.name === 'LokiIngestionLagHigh')!;
    expect(rule.expr).toBe('max(loki_ingestion_lag_seconds) > 30');
    expect(scenario.detection.name).toBe('log-sink ingestion lag above 30 s');
    const [fire] = scenario.alerts.fire;
    expect(fire).toEqual({ alert: 'LokiIngestionLagHigh', withinMs: 170_000 });
    expect(scenario.faults[0]!.description).toMatch(/stalled until reverted on shipper-logsink, for 170000 ms$/);
    // lag > 30 s after ~30 s, firing `for` later: before the stall heals, and within the alert's target.
    expect(30_000 + rule.forSeconds! * 1000).toBeLessThan(fire!.withinMs);
    expect(scenario.alerts.quiet).toContain('ServiceDown');
  });
});
