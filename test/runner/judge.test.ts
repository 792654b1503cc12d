import { describe, expect, it } from 'vitest';
import { judge, type Measured } from '../../src/runner/judge.ts';

const targets = { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 };
const good: Measured = { detectMs: 1200, recoveryMs: 4000, outageMs: 5200, dataLoss: 0, duplicates: 0, alerts: [] };

describe('judge', () => {
  it('passes when every measurement is inside its target', () => {
    expect(judge(targets, good, { failures: [] })).toEqual({ verdict: 'passed', reasons: [] });
  });

  it('fails a slow detection, stating measured and target', () => {
    const result = judge(targets, { ...good, detectMs: 5001 }, { failures: [] });
    expect(result.verdict).toBe('failed');
    expect(result.reasons).toEqual(['detected after 5001 ms, target 5000 ms']);
  });

  it('treats a measurement equal to its target as met', () => {
    expect(judge(targets, { ...good, detectMs: 5000, recoveryMs: 30000 }, { failures: [] }).verdict).toBe('passed');
  });

  it('fails a missed detection, a missed recovery, data loss and duplicates, all listed', () => {
    const result = judge(
      targets,
      { detectMs: null, recoveryMs: null, outageMs: null, dataLoss: 3, duplicates: 2, alerts: [] },
      { failures: [] },
    );
    expect(result.verdict).toBe('failed');
    expect(result.reasons).toEqual([
      'fault not detected (target 5000 ms)',
      'steady state not restored (target 30000 ms)',
      '3 acknowledged record(s) lost, target 0',
      '2 record(s) duplicated',
    ]);
  });

  it('fails an expected alert that fired late or not at all, naming it, its time and what Prometheus said', () => {
    const alert = (name: string, firedMs: number | null) => ({
      alert: name,
      withinMs: 20_000,
      firedMs,
      detail: `${name} pending since 2026-01-01T00:00:00Z`,
      notified: [],
    });
    const result = judge(
      targets,
      { ...good, alerts: [alert('RedisDown', 12_000), alert('DbPoolSaturated', 20_001), alert('GatewayNotReady', null)] },
      { failures: [] },
    );
    expect(result.reasons).toEqual([
      'alert DbPoolSaturated fired after 20001 ms, target 20000 ms',
      'alert GatewayNotReady did not fire within 20000 ms (last seen: GatewayNotReady pending since 2026-01-01T00:00:00Z)',
    ]);
  });

  it('puts step and check failures first', () => {
    const result = judge(targets, { ...good, recoveryMs: null }, { failures: ['runbook step "redis.restart" exited with status 1'] });
    expect(result.reasons[0]).toContain('redis.restart');
  });

  it('aborts, not fails, when the steady state never held', () => {
    expect(judge(targets, { ...good, detectMs: null }, { aborted: 'steady state did not hold', failures: [] })).toEqual({
      verdict: 'aborted',
      reasons: ['steady state did not hold'],
    });
  });

  it('reports a harness error as errored when nothing failed before it', () => {
    expect(judge(targets, good, { errored: 'harness error: x', aborted: 'y', failures: [] })).toEqual({
      verdict: 'errored',
      reasons: ['harness error: x'],
    });
  });

  it('keeps a step failure recorded before a harness error: failed, the step first, the error after it', () => {
    const stepFailed = 'runbook step "db.pool-status" exited with status 3: broken; still not restored: readyz 503';
    const result = judge(
      targets,
      { ...good, recoveryMs: null, dataLoss: null },
      { errored: 'harness error: remaining connection slots are reserved', failures: [stepFailed] },
    );
    expect(result.verdict).toBe('failed');
    expect(result.reasons).toEqual([
      stepFailed,
      'then the harness could not finish judging: harness error: remaining connection slots are reserved',
      'steady state not restored (target 30000 ms)',
      'data loss not measured',
    ]);
  });

  it('reports an interrupted run as errored, whatever a cancelled step reported', () => {
    expect(
      judge(targets, good, { interrupted: 'interrupted: SIGINT', failures: ['runbook step "redis.restart" exited with status 143'] }),
    ).toEqual({ verdict: 'errored', reasons: ['interrupted: SIGINT'] });
  });

  it('fails a run whose fault did not revert, and notes it on one that errored or aborted', () => {
    const cleanup = ['revert of "pool exhaustion" failed: x'];
    expect(judge(targets, good, { failures: [], cleanup })).toEqual({ verdict: 'failed', reasons: cleanup });
    expect(judge(targets, good, { errored: 'harness error: y', failures: [], cleanup })).toEqual({
      verdict: 'errored',
      reasons: ['harness error: y', ...cleanup],
    });
    expect(judge(targets, good, { aborted: 'steady state did not hold', failures: [], cleanup }).verdict).toBe('aborted');
  });
});
