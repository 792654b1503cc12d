import { describe, expect, it } from 'vitest';
import { judge, type Measured } from '../../src/runner/judge.ts';

// Each target on its own: one miss, one reason (judge.test.ts has them together).
const targets = { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 };
const good: Measured = { detectMs: 1200, recoveryMs: 4000, outageMs: 5200, dataLoss: 0, duplicates: 0, alerts: [] };

describe('judge, one target at a time', () => {
  it('fails a slow recovery, stating measured and target', () => {
    expect(judge(targets, { ...good, recoveryMs: 30_001 }, { failures: [] }).reasons).toEqual([
      'recovered after 30001 ms, target 30000 ms',
    ]);
  });

  it('judges a declared rollback target by its own name and number, instead of the recovery target', () => {
    const rollback = { ...targets, recoveryMs: 60_000, rollbackMs: 30_000 };
    expect(judge(rollback, { ...good, recoveryMs: 30_001 }, { failures: [] }).reasons).toEqual([
      'rolled back after 30001 ms, target 30000 ms',
    ]);
    expect(judge(rollback, { ...good, recoveryMs: null }, { failures: [] }).reasons).toEqual(['rollback not complete (target 30000 ms)']);
    expect(judge(rollback, { ...good, recoveryMs: 29_999 }, { failures: [] }).verdict).toBe('passed');
  });

  it('judges a declared RTO on the outage, total loss to operational, besides the recovery target', () => {
    const dr = { ...targets, recoveryMs: 1_800_000, rtoMs: 1_800_000 };
    expect(judge(dr, { ...good, outageMs: 1_800_001 }, { failures: [] }).reasons).toEqual([
      'operational again 1800001 ms after the loss, RTO target 1800000 ms',
    ]);
    expect(judge(dr, { ...good, outageMs: 1_799_999 }, { failures: [] }).verdict).toBe('passed');
    // Not recovered at all: said once, by the recovery target.
    expect(judge(dr, { ...good, recoveryMs: null, outageMs: null }, { failures: [] }).reasons).toEqual([
      'steady state not restored (target 1800000 ms)',
    ]);
  });

  it('fails a run whose data loss was not measured', () => {
    expect(judge(targets, { ...good, dataLoss: null }, { failures: [] }).reasons).toEqual(['data loss not measured']);
  });

  it('passes when duplicates were not counted', () => {
    expect(judge(targets, { ...good, duplicates: null }, { failures: [] })).toEqual({ verdict: 'passed', reasons: [] });
  });
});
