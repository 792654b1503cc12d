import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/probes/prometheus-query.ts';
import { describeScrapes, summariseScrapes } from '../../src/probes/scrape-health.ts';

// How a late alert is told apart from a late gauge (pure; against a real
// Prometheus: test/prometheus/scrape-health.integration.test.ts).
const gateway = { job: 'order-gateway', instance: '127.0.0.1:4001' };
const series = (labels: Record<string, string>, samples: [number, number][]): Series => ({
  labels: { __name__: 'up', ...labels },
  samples: samples.map(([atMs, value]) => ({ atMs, value })),
});

describe('summariseScrapes', () => {
  it('counts attempts and failures in the window only, with the usual and the longest gap and the slowest scrape', () => {
    const up = series(gateway, [
      [0, 1],
      [1_000, 1],
      [2_000, 0],
      [3_000, 1],
      [6_500, 1],
      [7_500, 1],
      [8_500, 0],
    ]);
    const durations = series(gateway, [
      [0, 3],
      [1_000, 0.01],
      [2_000, 1],
      [3_000, 0.02],
      [6_500, 0.4],
      [7_500, 0.01],
    ]);
    expect(summariseScrapes([up], [durations], 1_000, 7_500)).toEqual([
      { ...gateway, attempts: 5, failed: 1, typicalGapMs: 1_000, longestGapMs: 3_500, slowestMs: 1_000 },
    ]);
  });

  it('a target scraped once or never in the window has no gap; one without durations, no slowest', () => {
    expect(summariseScrapes([series(gateway, [[5_000, 1]]), series({ job: 'a', instance: 'b' }, [])], [], 1_000, 9_000)).toEqual([
      { job: 'a', instance: 'b', attempts: 0, failed: 0, typicalGapMs: 0, longestGapMs: 0, slowestMs: 0 },
      { ...gateway, attempts: 1, failed: 0, typicalGapMs: 0, longestGapMs: 0, slowestMs: 0 },
    ]);
  });
});

describe('describeScrapes', () => {
  const fine = { job: 'redis', instance: 'r:1', attempts: 20, failed: 0, typicalGapMs: 1_000, longestGapMs: 1_200, slowestMs: 3 };

  it('names a target with a failed scrape, and one with a gap over 1.5 times its usual (a scrape not even attempted)', () => {
    const failed = { ...fine, job: 'order-gateway', instance: 'g:1', failed: 2, slowestMs: 1_000 };
    const starved = { ...fine, job: 'risk', instance: 'k:1', longestGapMs: 1_600 };
    expect(describeScrapes([failed, starved, fine])).toBe(
      'order-gateway (g:1) 2 of 20 failed, longest gap 1.2 s (usually 1.0 s), slowest 1.0 s; ' +
        'risk (k:1) 0 of 20 failed, longest gap 1.6 s (usually 1.0 s), slowest 0.0 s; the other 1 on time',
    );
  });

  it('says when every scrape went well, and when there was none', () => {
    expect(describeScrapes([fine, { ...fine, job: 'risk' }])).toBe('all 2 targets scraped on time, none failed');
    expect(describeScrapes([])).toBe('no scrape recorded');
  });
});
