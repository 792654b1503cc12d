// What each toxic does with one chunk, on a stand-in for the link it runs on
// (pure logic: no socket, no real wait). The same toxics on the wire, with
// their timings measured: toxics.test.ts.
import { describe, expect, it } from 'vitest';
import { bandwidth } from '../../src/proxy/toxics/bandwidth.ts';
import { latency } from '../../src/proxy/toxics/latency.ts';
import { limitData } from '../../src/proxy/toxics/limit-data.ts';
import { registerToxic } from '../../src/proxy/toxics/registry.ts';
import { resetPeer } from '../../src/proxy/toxics/reset-peer.ts';
import { slicer } from '../../src/proxy/toxics/slicer.ts';
import { timeout } from '../../src/proxy/toxics/timeout.ts';
import type { Chunk, ToxicKind, ToxicRun } from '../../src/proxy/toxics/toxic.ts';

interface FakeRun<K extends string, S> extends ToxicRun<K, S> {
  readonly emitted: { data: string; t: number }[];
  readonly sleeps: number[];
  readonly log: string[];
}

/** A stand-in for one toxic's run: records what it emits and asks to sleep; sleeps return `slept` at once. */
function fakeRun<K extends string, S>(
  kind: ToxicKind<K, S>,
  attributes: Record<K, number>,
  options: { random?: number; slept?: boolean; activeFor?: number } = {},
): FakeRun<K, S> {
  const emitted: { data: string; t: number }[] = [];
  const sleeps: number[] = [];
  const log: string[] = [];
  return {
    attributes,
    state: kind.newState?.() as S,
    get active() {
      return options.activeFor === undefined || emitted.length < options.activeFor;
    },
    random: () => options.random ?? 0.5,
    emit: async (chunk) => {
      emitted.push({ data: chunk.data.toString(), t: chunk.t });
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      return options.slept ?? true;
    },
    interrupted: async () => undefined,
    close: () => log.push('close'),
    reset: () => log.push('reset'),
    emitted,
    sleeps,
    log,
  };
}

const chunk = (text: string, t = performance.now()): Chunk => ({ data: Buffer.from(text), t });

describe('latency', () => {
  it('holds a fresh chunk for the latency, then passes it on stamped as sent that much later', async () => {
    const run = fakeRun(latency, { latency: 100, jitter: 0 });
    const fresh = chunk('a');
    const read = fresh.t;
    await latency.pipe(fresh, run);
    expect(run.sleeps).toHaveLength(1);
    expect(run.sleeps[0]).toBeGreaterThan(90);
    expect(run.sleeps[0]).toBeLessThanOrEqual(100);
    expect(run.emitted[0]?.t).toBeCloseTo(read + run.sleeps[0]!, 6);
  });

  it('holds a chunk that already waited only for the rest, and one that waited longer not at all', async () => {
    const waited = fakeRun(latency, { latency: 100, jitter: 0 });
    await latency.pipe(chunk('a', performance.now() - 60), waited);
    expect(waited.sleeps[0]).toBeGreaterThan(30);
    expect(waited.sleeps[0]).toBeLessThanOrEqual(40);
    const late = fakeRun(latency, { latency: 100, jitter: 0 });
    const old = chunk('a', performance.now() - 200);
    const t = old.t;
    await latency.pipe(old, late);
    expect(late.sleeps).toEqual([]);
    expect(late.emitted).toEqual([{ data: 'a', t }]);
  });

  it('draws the delay in [latency - jitter, latency + jitter)', async () => {
    const at = async (random: number) => {
      const run = fakeRun(latency, { latency: 1000, jitter: 100 }, { random });
      await latency.pipe(chunk('a', performance.now() + 10_000), run);
      return Math.round(run.sleeps[0]! - 10_000);
    };
    // the chunk is stamped 10 s ahead, so the wait is the drawn delay plus 10 s (less the few µs the call takes)
    expect(await at(0)).toBe(900);
    expect(await at(0.5)).toBe(1000);
    expect(await at(0.9999)).toBe(1099);
  });

  it('passes an interrupted chunk on at once, with its own read time', async () => {
    const run = fakeRun(latency, { latency: 100, jitter: 0 }, { slept: false });
    const c = chunk('a');
    const t = c.t;
    await latency.pipe(c, run);
    expect(run.emitted).toEqual([{ data: 'a', t }]);
  });
});

describe('slicer', () => {
  const sizes = async (
    text: string,
    attributes: { average_size: number; size_variation: number; delay: number },
    random = 0.5,
    activeFor?: number,
  ) => {
    const run = fakeRun(slicer, attributes, { random, ...(activeFor === undefined ? {} : { activeFor }) });
    await slicer.pipe(chunk(text), run);
    expect(run.emitted.map((e) => e.data).join('')).toBe(text);
    return { sizes: run.emitted.map((e) => e.data.length), sleeps: run.sleeps };
  };
  const forty = 'x'.repeat(40);

  it('halves a chunk until the pieces are about the average size, as Toxiproxy does', async () => {
    expect((await sizes(forty, { average_size: 10, size_variation: 0, delay: 0 })).sizes).toEqual([10, 10, 10, 10]);
    expect((await sizes('x'.repeat(10), { average_size: 10, size_variation: 0, delay: 0 })).sizes).toEqual([10]);
    expect((await sizes('x'.repeat(11), { average_size: 10, size_variation: 0, delay: 0 })).sizes).toEqual([5, 6]);
    expect((await sizes(forty, { average_size: 0, size_variation: 0, delay: 0 })).sizes).toEqual([40]);
  });

  it('moves each cut by up to the variation either way', async () => {
    expect((await sizes(forty, { average_size: 10, size_variation: 2, delay: 0 }, 0)).sizes).toEqual([7, 11, 9, 4, 9]);
    expect((await sizes(forty, { average_size: 10, size_variation: 2, delay: 0 }, 0.9999)).sizes).toEqual([11, 10, 10, 9]);
  });

  it('waits the delay (µs) between pieces, not after the last', async () => {
    expect((await sizes(forty, { average_size: 10, size_variation: 0, delay: 2500 })).sleeps).toEqual([2.5, 2.5, 2.5]);
    expect((await sizes(forty, { average_size: 10, size_variation: 0, delay: 0 })).sleeps).toEqual([]);
  });

  it('sends the rest in one piece once it no longer applies', async () => {
    expect((await sizes(forty, { average_size: 10, size_variation: 0, delay: 0 }, 0.5, 2)).sizes).toEqual([10, 10, 20]);
  });
});

describe('bandwidth', () => {
  it('sends 100 ms worth of data at a time, each slice due when the rate allows', async () => {
    const run = fakeRun(bandwidth, { rate: 10 }); // 10 KB/s = 10 bytes per ms
    const started = performance.now();
    await bandwidth.pipe(chunk('x'.repeat(2500)), run);
    const elapsed = performance.now() - started;
    expect(run.emitted.map((e) => e.data.length)).toEqual([1000, 1000, 500]);
    // The fake's sleeps return at once: each slice is due 100, 200 and 250 ms after the first, and each sleep is
    // that, less the real time since the first (CI once saw a millisecond of it: 199 for 200).
    expect(run.sleeps).toHaveLength(3);
    [100, 200, 250].forEach((due, i) => {
      expect(run.sleeps[i]).toBeLessThanOrEqual(due + 1e-6);
      expect(run.sleeps[i]).toBeGreaterThanOrEqual(due - elapsed - 1e-6);
    });
  });

  it('does not throttle at rate 0 or once it no longer applies', async () => {
    const free = fakeRun(bandwidth, { rate: 0 });
    await bandwidth.pipe(chunk('x'.repeat(2500)), free);
    expect(free.emitted.map((e) => e.data.length)).toEqual([2500]);
    expect(free.sleeps).toEqual([]);
    const removed = fakeRun(bandwidth, { rate: 10 }, { activeFor: 1 });
    await bandwidth.pipe(chunk('x'.repeat(2500)), removed);
    expect(removed.emitted.map((e) => e.data.length)).toEqual([1000, 1500]);
  });

  it('forgets the pace after an interrupted wait', async () => {
    const run = fakeRun(bandwidth, { rate: 10 }, { slept: false });
    await bandwidth.pipe(chunk('x'.repeat(2000)), run);
    expect(run.sleeps.map((ms) => Math.round(ms))).toEqual([100, 100]);
    expect(run.state.nextAtMs).toBe(0);
  });
});

describe('limit_data', () => {
  it('passes up to the limit, counting across chunks, then closes', async () => {
    const run = fakeRun(limitData, { bytes: 5 });
    await limitData.pipe(chunk('abc'), run);
    expect(run.log).toEqual([]);
    await limitData.pipe(chunk('defg'), run);
    await limitData.pipe(chunk('h'), run);
    expect(run.emitted.map((e) => e.data)).toEqual(['abc', 'de']);
    expect(run.log).toEqual(['close', 'close']);
  });

  it('passes a chunk of exactly the rest whole and closes', async () => {
    const run = fakeRun(limitData, { bytes: 3 });
    await limitData.pipe(chunk('abc'), run);
    expect(run.emitted.map((e) => e.data)).toEqual(['abc']);
    expect(run.log).toEqual(['close']);
  });
});

describe('reset_peer', () => {
  it('resets after the timeout, at once with 0, and drops the data', async () => {
    const waits = fakeRun(resetPeer, { timeout: 300 });
    await resetPeer.pipe(chunk('a'), waits);
    expect([waits.sleeps, waits.log, waits.emitted]).toEqual([[300], ['reset'], []]);
    const now = fakeRun(resetPeer, { timeout: 0 });
    await resetPeer.pipe(chunk('a'), now);
    expect([now.sleeps, now.log]).toEqual([[], ['reset']]);
  });

  it('lets the data through when removed during the wait, or no longer applying', async () => {
    const removed = fakeRun(resetPeer, { timeout: 300 }, { slept: false });
    await resetPeer.pipe(chunk('a'), removed);
    expect([removed.log, removed.emitted.map((e) => e.data)]).toEqual([[], ['a']]);
    const inactive = fakeRun(resetPeer, { timeout: 0 }, { activeFor: 0 });
    await resetPeer.pipe(chunk('a'), inactive);
    expect([inactive.log, inactive.emitted.map((e) => e.data)]).toEqual([[], ['a']]);
  });
});

describe('timeout', () => {
  it('closes after the timeout unless stopped first; with 0 never', async () => {
    const run = fakeRun(timeout, { timeout: 20 });
    const stop = timeout.activate!(run);
    stop?.();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(run.log).toEqual([]);
    timeout.activate!(run);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(run.log).toEqual(['close']);
    expect(timeout.activate!(fakeRun(timeout, { timeout: 0 }))).toBeUndefined();
  });
});

describe('the registry', () => {
  it('refuses a second toxic of a type', () => {
    expect(() => registerToxic(latency)).toThrow('toxic type "latency" is already registered');
  });
});
