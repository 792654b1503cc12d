import { describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { loadMultiplier } from '../../src/cli/count-options.ts';
import { loadOf, loadShortfall, ordersPerSecOf, withLoadMultiplier } from '../../src/workload/load-multiplier.ts';

const flowLoad = {
  askedPerSec: 100,
  achievedPerSec: 71.26,
  due: 1_000,
  sent: 712,
  heldBack: 288,
  heldBackLate: 88,
  durationMs: 9_991,
  maxInFlight: 50,
};

describe('a stress run: the peak order rate times a multiplier', () => {
  it('runs the scenario at its peak times the multiplier, leaving the scenario itself as it was', () => {
    const stressed = withLoadMultiplier(redisOutage, 5);
    expect(ordersPerSecOf(stressed)).toBe(redisOutage.workload.ordersPerSec * 5);
    expect(ordersPerSecOf(redisOutage)).toBe(redisOutage.workload.ordersPerSec);
    expect(redisOutage.workload.loadMultiplier).toBeUndefined();
  });

  it('fails a stress run that sent under 95 % of the asked rate, naming both rates and what was held back', () => {
    const load = loadOf(withLoadMultiplier(redisOutage, 5), flowLoad);
    expect(load).toMatchObject({ multiplier: 5, peakPerSec: 20, askedPerSec: 100 });
    expect(loadShortfall(load)).toBe(
      'could not reach the asked rate: asked 100 orders/s (5 × the peak 20), sent 71.3/s over 10.0 s; ' +
        '288 of 1000 due orders held back (200 while 50 requests awaited answers, 88 with the harness over a second behind): ' +
        'the controls were not tested at that rate',
    );
  });

  it('passes a stress run that reached 95 % of the rate, and never judges a run at the peak', () => {
    const stressed = withLoadMultiplier(redisOutage, 5);
    expect(loadShortfall(loadOf(stressed, { ...flowLoad, achievedPerSec: 95, heldBack: 0, heldBackLate: 0 }))).toBeUndefined();
    expect(loadShortfall(loadOf(stressed, { ...flowLoad, achievedPerSec: 94.9, heldBack: 0, heldBackLate: 0 }))).toMatch(
      /^could not reach/,
    );
    expect(loadShortfall(loadOf(redisOutage, { ...flowLoad, askedPerSec: 20, achievedPerSec: 3 }))).toBeUndefined();
  });

  it('reads --load-multiplier as a number from 1 to 20, and refuses anything else naming the option', () => {
    expect(loadMultiplier(undefined)).toBeUndefined();
    expect(loadMultiplier('5')).toBe(5);
    expect(loadMultiplier('2.5')).toBe(2.5);
    for (const bad of ['0', '0.5', '21', 'five', '-3', '1e1', ''])
      expect(() => loadMultiplier(bad), bad).toThrow(/^--load-multiplier .*: expected .* a number from 1 to 20$/);
  });
});
