// The idle collector decides on RSS and the event loop's utilisation, checked
// once a second: here both are scripted and the clock is vitest's.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startIdleCollector } from '../../src/proxy/idle-collector.ts';

const MiB = 1 << 20;

function scripted(initialMiB: number) {
  const state = { rssMiB: initialMiB, utilization: 0, collections: 0, afterCollectionMiB: initialMiB };
  const collector = startIdleCollector({
    checkMs: 1000,
    collect: () => {
      state.collections++;
      state.rssMiB = state.afterCollectionMiB;
    },
    rssBytes: () => state.rssMiB * MiB,
    utilization: () => state.utilization,
  });
  return { state, collector };
}

describe('idle collector', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('collects once the loop is quiet after RSS grew more than 10 %, and not before', () => {
    const { state, collector } = scripted(60);
    state.rssMiB = 66; // +10 %: allowed
    vi.advanceTimersByTime(3000);
    expect(state.collections).toBe(0);
    state.rssMiB = 80;
    state.utilization = 0.5; // a burst is on
    vi.advanceTimersByTime(3000);
    expect(state.collections).toBe(0);
    state.utilization = 0.01;
    vi.advanceTimersByTime(1000);
    expect({ collections: state.collections, rssMiB: state.rssMiB }).toEqual({ collections: 1, rssMiB: 60 });
    vi.advanceTimersByTime(5000);
    expect(state.collections).toBe(1);
    collector[Symbol.dispose]();
  });

  test('a collection that gives nothing back waits twice as long before the next, up to a minute', () => {
    const { state, collector } = scripted(60);
    state.rssMiB = 90;
    state.afterCollectionMiB = 90; // in use: nothing to give back
    const collectedAtS: number[] = [];
    for (let second = 1; second <= 200; second++) {
      const before = state.collections;
      vi.advanceTimersByTime(1000);
      if (state.collections > before) collectedAtS.push(second);
    }
    expect(collectedAtS).toEqual([1, 3, 7, 15, 31, 63, 123, 183]);
    collector[Symbol.dispose]();
  });

  test('quiet RSS below the first reading lowers the mark it compares with', () => {
    const { state, collector } = scripted(80);
    state.rssMiB = 60;
    vi.advanceTimersByTime(1000);
    state.rssMiB = 70; // +17 % over the lowest, though below the first reading
    vi.advanceTimersByTime(1000);
    expect(state.collections).toBe(1);
    collector[Symbol.dispose]();
  });

  test('stops when disposed, and does nothing without gc', () => {
    const { state, collector } = scripted(60);
    collector[Symbol.dispose]();
    state.rssMiB = 100;
    vi.advanceTimersByTime(10_000);
    expect(state.collections).toBe(0);
    const gc = globalThis.gc;
    globalThis.gc = undefined;
    try {
      startIdleCollector()[Symbol.dispose]();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      globalThis.gc = gc;
    }
  });
});
