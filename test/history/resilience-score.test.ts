import { describe, expect, it } from 'vitest';
import { headroom, overallScore, scenarioScore } from '../../src/history/resilience-score.ts';
import type { ScenarioTrend } from '../../src/history/scenario-trend.ts';

function trend(passRate: number | null, metrics: [string, number | null, number][]): ScenarioTrend {
  return {
    scenarioId: 's',
    runs: [],
    passed: 0,
    failed: 0,
    inconclusive: 0,
    passRate,
    metrics: metrics.map(([metric, p95, target]) => ({ metric: metric as 'detect', values: [], p50: p95, p95, target })),
  };
}

describe('headroom', () => {
  it('is 1 − p95/target, clamped to [0, 1]', () => {
    expect(headroom(2500, 10_000)).toBe(0.75);
    expect(headroom(10_000, 10_000)).toBe(0);
    expect(headroom(15_000, 10_000)).toBe(0); // over the target: no headroom, not negative
    expect(headroom(0, 10_000)).toBe(1);
    expect(headroom(null, 10_000)).toBe(0); // never measured: no headroom shown
    expect(headroom(5, 0)).toBe(0);
  });
});

describe('scenarioScore', () => {
  it('is 100 × pass rate × (0.5 + 0.5 × the least headroom), naming the metric that limits it', () => {
    const score = scenarioScore(
      trend(0.9, [
        ['detect', 1000, 5000], // headroom 0.8
        ['recovery', 18_000, 30_000], // headroom 0.4: the least
      ]),
    );
    expect(score.timeliness).toBeCloseTo(0.7);
    expect(score.score).toBeCloseTo(63);
    expect(score.limiting).toEqual({ metric: 'recovery', p95: 18_000, target: 30_000, headroom: expect.closeTo(0.4) });
  });

  it('gives a scenario always passing at its target 50, at half its target 75', () => {
    expect(scenarioScore(trend(1, [['detect', 5000, 5000]])).score).toBe(50);
    expect(scenarioScore(trend(1, [['detect', 2500, 5000]])).score).toBe(75);
  });

  it('is 0 for a scenario that never passed, and absent when nothing was passed or failed', () => {
    expect(scenarioScore(trend(0, [['detect', 1, 5000]])).score).toBe(0);
    expect(scenarioScore(trend(null, [['detect', 1, 5000]])).score).toBeNull();
  });
});

describe('overallScore', () => {
  it('is the mean of the scenarios that have a score', () => {
    const scores = [
      scenarioScore(trend(1, [['detect', 5000, 5000]])),
      scenarioScore(trend(1, [['detect', 0, 5000]])),
      scenarioScore(trend(null, [])),
    ];
    expect(overallScore(scores)).toBe(75);
    expect(overallScore([scenarioScore(trend(null, []))])).toBeNull();
  });
});
