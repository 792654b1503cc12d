import { describe, expect, it } from 'vitest';
import { isFlaky, repeatSummaries, sampleStats } from '../../src/runner/repeat.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';
import type { Verdict } from '../../src/runner/judge.ts';

const result = (id: string, verdict: Verdict, detectMs: number | null, recoveryMs: number | null) =>
  ({ id, verdict, measured: { detectMs, recoveryMs } }) as unknown as ScenarioResult;

describe('sampleStats', () => {
  it('p50, p95 and max by nearest rank over the measured samples: always a time some run measured', () => {
    expect(sampleStats([300, 100, 200])).toEqual({ samples: [300, 100, 200], p50: 200, p95: 300, max: 300 });
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 10); // 10 … 200
    expect(sampleStats(twenty)).toMatchObject({ p50: 100, p95: 190, max: 200 });
    expect(sampleStats([5, 7])).toMatchObject({ p50: 5, p95: 7, max: 7 });
  });

  it('a run that measured nothing stays in the samples as null and out of the figures; none measured: null', () => {
    expect(sampleStats([null, 40, 10])).toEqual({ samples: [null, 40, 10], p50: 10, p95: 40, max: 40 });
    expect(sampleStats([null, null])).toEqual({ samples: [null, null], p50: null, p95: null, max: null });
  });
});

describe('isFlaky', () => {
  it.each<[Verdict[], boolean]>([
    [['passed', 'passed', 'passed'], false],
    [['failed', 'failed'], false],
    [['passed', 'failed', 'passed'], true],
    [['passed', 'errored'], true],
    [['aborted', 'failed'], true],
    // Skipped runs did not run (an interrupted run, a runtime it does not apply on): they neither agree nor disagree.
    [['passed', 'skipped', 'skipped'], false],
    [['skipped', 'skipped'], false],
    [['passed'], false],
  ])('%j → %s', (verdicts, flaky) => {
    expect(isFlaky(verdicts)).toBe(flaky);
  });
});

describe('repeatSummaries', () => {
  it('one summary per scenario in the order each first ran, its verdicts and samples in run order', () => {
    const summaries = repeatSummaries([
      result('a', 'passed', 100, 1000),
      result('a', 'failed', 300, null),
      result('a', 'passed', 200, 3000),
      result('b', 'passed', 50, 500),
      result('b', 'passed', 60, 600),
    ]);
    expect(summaries).toEqual([
      {
        id: 'a',
        runs: 3,
        verdicts: ['passed', 'failed', 'passed'],
        flaky: true,
        detectMs: { samples: [100, 300, 200], p50: 200, p95: 300, max: 300 },
        recoveryMs: { samples: [1000, null, 3000], p50: 1000, p95: 3000, max: 3000 },
      },
      {
        id: 'b',
        runs: 2,
        verdicts: ['passed', 'passed'],
        flaky: false,
        detectMs: { samples: [50, 60], p50: 50, p95: 60, max: 60 },
        recoveryMs: { samples: [500, 600], p50: 500, p95: 600, max: 600 },
      },
    ]);
  });
});
