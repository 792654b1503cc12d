import { describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import type { EnvironmentInfo } from '../../src/runtime/runtime.ts';
import type { Measured } from '../../src/runner/judge.ts';
import {
  notRunResult,
  type ScenarioOutcome,
  scenarioResult,
  withAlertRules,
  withEnvironment,
  withTeardownFailure,
} from '../../src/runner/scenario-result.ts';

const measured: Measured = { detectMs: 9, recoveryMs: 217, outageMs: 232, dataLoss: 0, duplicates: 0, alerts: [] };
const passed: ScenarioOutcome = {
  judgement: { verdict: 'passed', reasons: [] },
  measured,
  steps: [],
  checks: [],
  workload: { sent: 100, acknowledged: 100, refused: 0, failed: 0 },
  load: {
    multiplier: 1,
    peakPerSec: 20,
    askedPerSec: 20,
    achievedPerSec: 19.9,
    due: 100,
    sent: 100,
    heldBack: 0,
    heldBackLate: 0,
    durationMs: 5_020,
    maxInFlight: 50,
  },
  timeline: [{ t: 0, at: '2026-12-01T00:00:00.000Z', kind: 'scenario.started', detail: {} }],
};
const declared = {
  id: 'redis-outage',
  title: redisOutage.title,
  targets: redisOutage.targets,
  controls: redisOutage.controls,
  faults: redisOutage.faults.map((f) => f.description),
};

describe('scenarioResult', () => {
  it('gives a passed run no reason, and carries what was declared and measured', () => {
    const result = scenarioResult(redisOutage, passed);
    expect(result).toEqual({
      ...declared,
      verdict: 'passed',
      reasons: [],
      measured,
      steps: [],
      checks: [],
      workload: passed.workload,
      load: passed.load,
      timeline: passed.timeline,
    });
    expect(Object.keys(result)).not.toContain('reason');
    expect(Object.keys(result)).not.toContain('integrity');
  });

  it('joins the reasons of a failed run, and keeps the integrity detail', () => {
    const result = scenarioResult(redisOutage, {
      ...passed,
      judgement: { verdict: 'failed', reasons: ['a', 'b'] },
      integrity: '3 lost',
    });
    expect(result).toMatchObject({ verdict: 'failed', reason: 'a; b', reasons: ['a', 'b'], integrity: '3 lost' });
  });

  it('lists its fields in the evidence order', () => {
    const result = scenarioResult(redisOutage, { ...passed, judgement: { verdict: 'failed', reasons: ['x'] }, integrity: 'i' });
    expect(Object.keys(result)).toEqual([
      'id',
      'title',
      'verdict',
      'reason',
      'reasons',
      'targets',
      'measured',
      'controls',
      'faults',
      'steps',
      'checks',
      'integrity',
      'workload',
      'load',
      'timeline',
    ]);
  });
});

describe('notRunResult', () => {
  it('measures nothing and records one timeline event with the reason', () => {
    const at = new Date('2026-12-01T10:00:00.000Z');
    expect(notRunResult(redisOutage, 'skipped', 'not run: interrupted', at)).toEqual({
      ...declared,
      verdict: 'skipped',
      reason: 'not run: interrupted',
      reasons: ['not run: interrupted'],
      measured: { detectMs: null, recoveryMs: null, outageMs: null, dataLoss: null, duplicates: null, alerts: [] },
      steps: [],
      checks: [],
      timeline: [{ t: 0, at: at.toISOString(), kind: 'scenario.skipped', detail: { reason: 'not run: interrupted' } }],
    });
  });

  it('names the event after the verdict', () => {
    expect(notRunResult(redisOutage, 'errored', 'environment did not start: x').timeline[0]?.kind).toBe('scenario.errored');
  });
});

describe('withTeardownFailure', () => {
  it('turns a passed run errored, with the failure as its reason', () => {
    const result = withTeardownFailure(scenarioResult(redisOutage, passed), 'teardown failed: pm2 kill timed out');
    expect(result).toMatchObject({
      verdict: 'errored',
      reasons: ['teardown failed: pm2 kill timed out'],
      reason: 'teardown failed: pm2 kill timed out',
      measured,
    });
  });

  it('keeps a failed run failed, its reasons before the teardown failure', () => {
    const failed = scenarioResult(redisOutage, { ...passed, judgement: { verdict: 'failed', reasons: ['slow'] } });
    expect(withTeardownFailure(failed, 'teardown failed: x')).toMatchObject({
      verdict: 'failed',
      reasons: ['slow', 'teardown failed: x'],
      reason: 'slow; teardown failed: x',
    });
  });
});

describe('withEnvironment', () => {
  it('adds the environment and changes nothing else', () => {
    const result = scenarioResult(redisOutage, passed);
    const environment = { id: 'env-1', runtime: 'local', dir: '/tmp/x' } as EnvironmentInfo;
    expect(withEnvironment(result, environment)).toEqual({ ...result, environment });
  });
});

describe('withAlertRules', () => {
  it('adds the rules a scenario overrode, and leaves a scenario without overrides as it was', () => {
    const result = scenarioResult(redisOutage, passed);
    const alertRules = {
      dir: 'reports/run/alert-rules/market-shock',
      files: [{ path: 'reports/run/alert-rules/market-shock/ats-alerts.yml', sha256: 'a'.repeat(64) }],
      overrides: [{ alert: 'SharpeRatioLow', source: 'fixtures/prometheus/ats-alerts.yml', line: 119, from: '15m', to: '3s', reason: 'r' }],
    };
    expect(withAlertRules(result, alertRules)).toEqual({ ...result, alertRules });
    expect(withAlertRules(result, undefined)).toBe(result);
  });
});
