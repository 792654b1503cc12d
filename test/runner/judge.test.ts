import { describe, expect, it } from 'vitest';
import { judge, type Measured } from '../../src/runner/judge.ts';

const targets = { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 };
const good: Measured = { detectMs: 1200, recoveryMs: 4000, outageMs: 5200, dataLoss: 0, duplicates: 0 };

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
    const result = judge(targets, { detectMs: null, recoveryMs: null, outageMs: null, dataLoss: 3, duplicates: 2 }, { failures: [] });
    expect(result.verdict).toBe('failed');
    expect(result.reasons).toEqual([
      'fault not detected (target 5000 ms)',
      'steady state not restored (target 30000 ms)',
      '3 acknowledged record(s) lost, target 0',
      '2 record(s) duplicated',
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

  it('reports a harness error as errored, above everything else', () => {
    expect(judge(targets, good, { errored: 'harness error: x', aborted: 'y', failures: ['z'] }).verdict).toBe('errored');
  });
});
