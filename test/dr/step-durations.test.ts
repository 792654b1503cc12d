import { describe, expect, it } from 'vitest';
import { describeStepDurations, dominantStep } from '../../src/dr/step-durations.ts';

const basebackup = [
  { id: 'provision', durationMs: 3_000 },
  { id: 'pg_basebackup', durationMs: 535_000 },
  { id: 'restore', durationMs: 22_000 },
];

describe('dominantStep', () => {
  it('names the step taking more than half of the total, with its share', () => {
    expect(dominantStep(basebackup)).toEqual({ id: 'pg_basebackup', durationMs: 535_000, totalMs: 560_000, share: 535 / 560 });
  });

  it('finds none when the longest takes half or less, or with a threshold it does not pass', () => {
    expect(
      dominantStep([
        { id: 'a', durationMs: 500 },
        { id: 'b', durationMs: 500 },
      ]),
    ).toBeUndefined();
    expect(dominantStep(basebackup, 0.96)).toBeUndefined();
    expect(dominantStep(basebackup, 0.95)?.id).toBe('pg_basebackup');
  });

  it('finds none without steps or without time, and rejects a negative duration naming the step', () => {
    expect(dominantStep([])).toBeUndefined();
    expect(dominantStep([{ id: 'a', durationMs: 0 }])).toBeUndefined();
    expect(() => dominantStep([{ id: 'untar', durationMs: -5 }])).toThrow(
      'Step "untar": duration -5 ms is not a finite, non-negative number',
    );
  });
});

describe('describeStepDurations', () => {
  it("makes a dominating step stand out in the issue's words", () => {
    expect(describeStepDurations(basebackup)).toBe(
      'pg_basebackup took 535 s of 560 s: 96 %, more than 50 % of the total: this step dominates',
    );
  });

  it('says when no step dominates, naming the longest', () => {
    expect(
      describeStepDurations([
        { id: 'pg_dump', durationMs: 4_000 },
        { id: 'pg_restore', durationMs: 5_000 },
        { id: 'provision', durationMs: 3_000 },
      ]),
    ).toBe('no step dominates (none above 50 % of the total); the longest: pg_restore took 5.0 s of 12 s: 42 %');
  });

  it('says when nothing was timed', () => {
    expect(describeStepDurations([])).toBe('no step was timed');
    expect(describeStepDurations([{ id: 'a', durationMs: 0 }])).toBe('no step took measurable time (1 steps, 0 ms in all)');
  });
});
