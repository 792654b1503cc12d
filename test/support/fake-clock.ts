import type { Clock } from '../../src/clock/clock.ts';

/** A clock that only moves when someone sleeps or calls advance(): timing logic tested without waiting. */
export function fakeClock(startMs = 1000): Clock & { advance(ms: number): void } {
  let now = startMs;
  return {
    now: () => now,
    wallTime: () => new Date(Date.UTC(2026, 0, 1) + now),
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms) => {
      now += ms;
    },
  };
}
