import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { historyChartSvg } from '../../src/history/history-chart-svg.ts';
import type { ScenarioTrend } from '../../src/history/scenario-trend.ts';
import type { Verdict } from '../../src/runner/judge.ts';

const verdicts: Verdict[] = ['passed', 'passed', 'failed', 'failed'];
const trend = (scenarioId = 'redis-outage'): ScenarioTrend => ({
  scenarioId,
  runs: verdicts.map((verdict, i) => ({ seq: i + 1, runId: `r${i}`, startedAt: '2026-12-02T08:00:00.000Z', verdict })),
  passed: 2,
  failed: 2,
  inconclusive: 0,
  passRate: 0.5,
  metrics: [
    { metric: 'detect', values: [1000, 2000, null, 3000], p50: 2000, p95: 3000, target: 5000 },
    { metric: 'recovery', values: [10_000, 20_000, 30_000, 40_000], p50: 20_000, p95: 40_000, target: 30_000 },
  ],
});

const all = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].map((m) => m.slice(1));

// The plot: x from 56 to 468 (4 runs: 56, 193.3, 330.7, 468), y from 138 (0) up to 22 (the largest value or target, 40000 ms).
describe('historyChartSvg', () => {
  const svg = historyChartSvg(trend());

  it('is well-formed SVG with a title saying what it shows', () => {
    expect(() => create(svg)).not.toThrow();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="480" height="160" viewBox="0 0 480 160" role="img">/);
    expect(svg).toContain('<title>redis-outage: detect and recovery over the last 4 runs (ms), targets dashed</title>');
    expect(svg).toContain('>40000 ms</text>'); // the top of the axis
  });

  it('draws each metric from 0 to the top of the axis, leaving a gap where a run measured nothing', () => {
    expect(all(svg, /<polyline points="([^"]+)" fill="none" stroke="([^"]+)"/g)).toEqual([
      ['56,135.1 193.3,132.2', '#1f77b4'], // detect, runs 1-2
      ['56,109 193.3,80 330.7,51 468,22', '#ff7f0e'], // recovery
    ]);
    expect(all(svg, /<circle cx="([^"]+)" cy="([^"]+)" r="2" fill="([^"]+)"/g)).toEqual([['468', '129.3', '#1f77b4']]); // detect, run 4 alone
  });

  it('draws each target dashed in its metric’s colour, and marks the failed runs on the axis', () => {
    expect(all(svg, /<line x1="56" y1="([^"]+)" x2="468" y2="[^"]+" stroke="([^"]+)" stroke-dasharray="4 3"\/>/g)).toEqual([
      ['123.5', '#1f77b4'], // 5000 ms
      ['51', '#ff7f0e'], // 30000 ms
    ]);
    expect(all(svg, /<line x1="([^"]+)" y1="138" x2="[^"]+" y2="144" stroke="#d62728"/g)).toEqual([['330.7'], ['468']]);
  });

  it('escapes the scenario id, and draws a single run in the middle', () => {
    const one = trend('<script>alert(1)</script>&');
    const hostile = historyChartSvg({
      ...one,
      runs: one.runs.slice(0, 1),
      metrics: one.metrics.map((m) => ({ ...m, values: m.values.slice(0, 1) })),
    });
    expect(hostile).not.toContain('<script');
    expect(hostile).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;&amp;: detect and recovery over the last 1 run');
    expect(() => create(hostile)).not.toThrow();
    expect(hostile).toContain('<circle cx="262" cy="134.1"');
  });
});
