import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/history/percentile.ts';
import type { MeasurementRecord } from '../../src/history/run-record.ts';
import type { ScenarioRun } from '../../src/history/scenario-run.ts';
import { scenarioTrend } from '../../src/history/scenario-trend.ts';
import { sparkline } from '../../src/history/sparkline.ts';
import type { Verdict } from '../../src/runner/judge.ts';

describe('percentile (nearest rank)', () => {
  it('answers a measured value, never one interpolated between two runs', () => {
    const values = [400, 100, 300, 200]; // unsorted on purpose
    expect(percentile(values, 50)).toBe(200); // rank ⌈2⌉; interpolation would say 250
    expect(percentile(values, 95)).toBe(400); // rank ⌈3.8⌉ = 4
    expect(percentile(values, 75)).toBe(300); // rank 3 exactly
    expect(percentile(values, 76)).toBe(400); // just past it
  });

  it('p95 of 20 runs is the 19th smallest: one slow run in 20 does not move it, two do', () => {
    const fast = Array.from({ length: 19 }, (_, i) => 1000 + i);
    expect(percentile([...fast, 60_000], 95)).toBe(1018);
    expect(percentile([...fast.slice(1), 60_000, 70_000], 95)).toBe(60_000);
  });

  it('null for nothing measured, the value itself for one, and p outside (0, 100] refused', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([1], 0)).toThrow('p must be in (0, 100], got 0');
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('sparkline', () => {
  it('puts the smallest value at ▁ and the largest at █, linearly between, oldest first', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([700, 0])).toBe('█▁');
    expect(sparkline([10, 20, 15])).toBe('▁█▅');
  });

  it('scales to the values shown, not to zero', () => {
    expect(sparkline([1000, 1001])).toBe('▁█');
  });

  it('leaves a space where nothing was measured, and draws equal values level', () => {
    expect(sparkline([5, null, 9])).toBe('▁ █');
    expect(sparkline([3, 3, 3])).toBe('▄▄▄');
    expect(sparkline([null, null])).toBe('  ');
    expect(sparkline([])).toBe('');
  });
});

const measure = (metric: MeasurementRecord['metric'], measured: number | null, target: number): MeasurementRecord => ({
  metric,
  measured,
  target,
  met: measured === null ? null : measured <= target,
});
const run = (seq: number, verdict: Verdict, detect: number | null, recovery: number | null, targets = [5000, 30_000]): ScenarioRun => ({
  seq,
  runId: `run-${seq}`,
  startedAt: `2026-12-0${seq}T08:00:00.000Z`,
  verdict,
  measurements: [measure('detect', detect, targets[0]!), measure('recovery', recovery, targets[1]!), measure('dataLoss', 0, 0)],
});

describe('scenarioTrend', () => {
  it('counts passed against failed only: aborted and errored runs are apart, and p50/p95 take every measured value', () => {
    const trend = scenarioTrend('redis-outage', [
      run(1, 'passed', 1000, 8000),
      run(2, 'failed', 2000, 40_000),
      run(3, 'aborted', null, null),
      run(4, 'errored', null, null),
      run(5, 'passed', 3000, 9000),
    ]);
    expect(trend).toMatchObject({ passed: 2, failed: 1, inconclusive: 2 });
    expect(trend.passRate).toBeCloseTo(2 / 3);
    expect(trend.metrics.map((m) => m.metric)).toEqual(['detect', 'recovery']); // no RTO declared, data loss not timed
    expect(trend.metrics[1]).toEqual({
      metric: 'recovery',
      values: [8000, 40_000, null, null, 9000],
      p50: 9000,
      p95: 40_000,
      target: 30_000,
    });
  });

  it('takes the target of the latest run (a scenario whose target changed is judged by the new one)', () => {
    const trend = scenarioTrend('redis-outage', [
      run(1, 'passed', 1000, 8000, [5000, 30_000]),
      run(2, 'passed', 1000, 8000, [4000, 20_000]),
    ]);
    expect(trend.metrics.map((m) => m.target)).toEqual([4000, 20_000]);
  });

  it('has no pass rate when the window holds neither a pass nor a failure', () => {
    expect(scenarioTrend('x', [run(1, 'errored', null, null)]).passRate).toBeNull();
  });
});
