import { describe, expect, it } from 'vitest';
import { timelineMarks } from '../../../src/reporters/html-report/timeline-marks.ts';
import type { ScenarioResult } from '../../../src/runner/scenario-result.ts';
import { fixtureEvidence } from './fixture-run.ts';

const byId = (id: string) => fixtureEvidence().scenarios.find((s) => s.id === id)!;
const t = (result: ScenarioResult, kind: string) => result.timeline.find((e) => e.kind === kind)!.t;

describe('timelineMarks, from a real run', () => {
  it("redis-outage: fault, detection, both alerts, the remediation's start and the recovery, with times from the fault", () => {
    const result = byId('redis-outage');
    const marks = timelineMarks(result);
    expect(marks.points.map((p) => `${p.lane}: ${p.label}`)).toEqual([
      'fault injected: fault',
      `detected: detected +${((t(result, 'detection.signal') - t(result, 'fault.injected')) / 1000).toFixed(1)} s`,
      'alert RedisDown: fired +11 s',
      'alert GatewayNotReady: fired +11 s',
      'remediation started: remediation +14 s',
      'recovered: recovered +32 s',
    ]);
    expect(marks.end).toBe(result.timeline.at(-1)!.t);
  });

  it('each runbook step is a bar from start to finish with its exit code; the health check runs twice', () => {
    const marks = timelineMarks(byId('gateway-hung'));
    expect(marks.bars.map((b) => `${b.lane}: ${b.label.replace(/, .*/, '')}`)).toEqual([
      'step health.check: exit 1',
      'step pm2.status: exit 0',
      'step pm2.reload-gateway: exit 0',
      'step health.check: exit 0',
    ]);
    for (const bar of marks.bars) expect(bar.to).toBeGreaterThan(bar.from);
  });

  it('target lines: detect from the fault, recovery from the remediation start', () => {
    const result = byId('postgres-partition');
    expect(timelineMarks(result).targets).toEqual([
      { label: 'detect target 5.0 s', t: t(result, 'fault.injected') + 5000, pattern: '6 3' },
      { label: 'recovery target 30 s', t: t(result, 'remediation.started') + 30000, pattern: '2 2' },
    ]);
  });

  it('a rollback target and an RTO when declared; a missed alert; a scenario that never ran has no marks', () => {
    const result = byId('redis-outage');
    const changed = {
      ...result,
      targets: { ...result.targets, rollbackMs: 20000, rtoMs: 1800000 },
      timeline: [...result.timeline, { t: 99999, at: result.timeline[0]!.at, kind: 'alert.missed', detail: { alert: 'Paged' } }],
    };
    const marks = timelineMarks(changed);
    expect(marks.targets.map((target) => target.label)).toEqual(['detect target 5.0 s', 'rollback target 20 s', 'RTO 1800 s']);
    expect(marks.points.find((p) => p.lane === 'alert Paged')).toMatchObject({ label: 'did not fire', kind: 'missed' });
    const skipped = {
      ...result,
      verdict: 'skipped' as const,
      timeline: [{ t: 0, at: result.timeline[0]!.at, kind: 'scenario.skipped', detail: {} }],
    };
    expect(timelineMarks(skipped)).toEqual({ end: 0, points: [], bars: [], targets: [] });
  });
});
