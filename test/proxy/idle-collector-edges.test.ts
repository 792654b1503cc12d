// The idle collector's defaults and edges, scripted as in idle-collector.test.ts.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startIdleCollector } from '../../src/proxy/idle-collector.ts';

const MiB = 1 << 20;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('idle collector, edges', () => {
  test('checks once a second by default, and counts the quiet threshold (5 %) as busy', () => {
    const state = { rssMiB: 60, utilization: 0.05, collections: 0 };
    const collector = startIdleCollector({
      collect: () => {
        state.collections++;
        state.rssMiB = 60;
      },
      rssBytes: () => state.rssMiB * MiB,
      utilization: () => state.utilization,
    });
    state.rssMiB = 90;
    vi.advanceTimersByTime(5000);
    expect(state.collections).toBe(0);
    state.utilization = 0.049;
    vi.advanceTimersByTime(999);
    expect(state.collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(state.collections).toBe(1);
    collector[Symbol.dispose]();
  });

  test('a collection that gives back to within 10 % counts as recovered: the next may come a second later', () => {
    const state = { rssMiB: 60, collections: 0 };
    const collector = startIdleCollector({
      checkMs: 1000,
      collect: () => {
        state.collections++;
        state.rssMiB = 64;
      },
      rssBytes: () => state.rssMiB * MiB,
      utilization: () => 0,
    });
    state.rssMiB = 90;
    vi.advanceTimersByTime(1000);
    expect(state.collections).toBe(1);
    state.rssMiB = 90;
    vi.advanceTimersByTime(1000);
    expect(state.collections).toBe(2);
    collector[Symbol.dispose]();
  });

  test('does not take its own collection for traffic', () => {
    // The loop looks busy at the first reading after a collection (the collection's own work), quiet otherwise.
    const state = { rssMiB: 60, collections: 0, busyNext: false };
    const collector = startIdleCollector({
      checkMs: 1000,
      collect: () => {
        state.collections++;
        state.rssMiB = 60;
        state.busyNext = true;
      },
      rssBytes: () => state.rssMiB * MiB,
      utilization: () => {
        const busy = state.busyNext;
        state.busyNext = false;
        return busy ? 0.9 : 0;
      },
    });
    state.rssMiB = 90;
    vi.advanceTimersByTime(1000);
    expect(state.collections).toBe(1);
    state.rssMiB = 90; // grown again: the very next check, quiet, collects
    vi.advanceTimersByTime(1000);
    expect(state.collections).toBe(2);
    collector[Symbol.dispose]();
  });
});
