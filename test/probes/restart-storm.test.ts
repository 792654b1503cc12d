import { describe, expect, it } from 'vitest';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { restartStorm } from '../../src/probes/restart-storm.ts';
import { RestartWindow } from '../../src/probes/restart-window.ts';
import { serviceStopped } from '../../src/probes/service-stopped.ts';
import type { Supervision } from '../../src/runtime/runtime.ts';

/** A context whose one service answers the supervision readings given, in turn (the last one repeated). */
function supervised(readings: readonly Supervision[]): ProbeContext {
  let next = 0;
  const supervision = async () => readings[Math.min(next++, readings.length - 1)]!;
  return { env: { service: () => ({ supervision }) }, signal: new AbortController().signal } as unknown as ProbeContext;
}

const reading = (restarts: number, status = 'online'): Supervision => ({ restarts, status, stopped: status === 'stopped' });

describe('RestartWindow (restarts within a sliding window, from a restart counter)', () => {
  it('counts the restarts between the oldest reading in the window and the newest, with the span and the rate', () => {
    const window = new RestartWindow(15_000);
    expect(window.add({ atMs: 0, restarts: 5 })).toEqual({ restarts: 0, spanMs: 0, perMinute: 0 });
    expect(window.add({ atMs: 1_000, restarts: 6 })).toEqual({ restarts: 1, spanMs: 1_000, perMinute: 60 });
    expect(window.add({ atMs: 3_000, restarts: 8 })).toEqual({ restarts: 3, spanMs: 3_000, perMinute: 60 });
  });

  it('forgets readings older than the window, so only restarts within it count', () => {
    const window = new RestartWindow(10_000);
    window.add({ atMs: 0, restarts: 0 });
    window.add({ atMs: 4_000, restarts: 3 });
    // The first reading is 11 s old now: the three restarts before 4 s no longer count.
    expect(window.add({ atMs: 11_000, restarts: 4 })).toEqual({ restarts: 1, spanMs: 7_000, perMinute: (1 * 60_000) / 7_000 });
    // A reading exactly windowMs old still counts.
    expect(window.add({ atMs: 14_000, restarts: 4 }).spanMs).toBe(10_000);
  });

  it('takes a counter that went down for a reset: its new value is the restarts since', () => {
    const window = new RestartWindow(15_000);
    window.add({ atMs: 0, restarts: 7 });
    expect(window.add({ atMs: 1_000, restarts: 2 }).restarts).toBe(2);
    expect(window.add({ atMs: 2_000, restarts: 3 }).restarts).toBe(3);
  });

  it('refuses a window of no length and readings out of time order', () => {
    expect(() => new RestartWindow(0)).toThrow('a restart window must be longer than 0 ms, got 0');
    const window = new RestartWindow(1_000);
    window.add({ atMs: 500, restarts: 0 });
    expect(() => window.add({ atMs: 499, restarts: 0 })).toThrow('restart readings must come in time order: 499 ms after 500 ms');
  });
});

describe('restartStorm (detection: the supervisor restarting a service again and again)', () => {
  const storm = { restartsAtLeast: 3, withinMs: 15_000 };

  it('holds once the supervisor restarted the service restartsAtLeast times since the first look, saying how fast', async () => {
    const probe = restartStorm('order-gateway', storm);
    const context = supervised([reading(1), reading(2, 'waiting restart'), reading(4, 'launching')]);
    const first = await probe.observe(context);
    expect(first).toEqual({
      ok: false,
      detail:
        'order-gateway restarted 0 times in 0.0 s (0 a minute), a storm is 3 within 15000 ms; its supervisor says online, 1 restarts in all',
    });
    expect((await probe.observe(context)).ok).toBe(false);
    const third = await probe.observe(context);
    expect(third.ok).toBe(true);
    expect(third.detail).toMatch(
      /^order-gateway restarted 3 times in \d+\.\d s \(\d+ a minute\); its supervisor says launching, 4 restarts in all$/,
    );
  });

  it('does not hold for restarts made before its first look (a deploy an hour ago is no storm)', async () => {
    const probe = restartStorm('order-gateway', storm);
    const context = supervised([reading(40), reading(41), reading(42)]);
    const seen = [await probe.observe(context), await probe.observe(context), await probe.observe(context)];
    expect(seen.map((o) => o.ok)).toEqual([false, false, false]);
    expect(seen[2]!.detail).toMatch(/^order-gateway restarted 2 times in /);
  });

  it('keeps its readings per environment: two runs side by side do not add up', async () => {
    const probe = restartStorm('order-gateway', storm);
    const one = supervised([reading(0), reading(2)]);
    const other = supervised([reading(10), reading(11)]);
    await probe.observe(one);
    await probe.observe(other);
    expect((await probe.observe(one)).detail).toMatch(/^order-gateway restarted 2 times/);
    expect((await probe.observe(other)).detail).toMatch(/^order-gateway restarted 1 time in/);
  });

  it('is named for what holds, declares the service, and refuses a storm of no restarts', () => {
    const probe = restartStorm('order-gateway', storm);
    expect(probe.name).toBe('order-gateway restarted by its supervisor at least 3 times within 15000 ms (a restart storm)');
    expect(probe.uses).toEqual({ services: ['order-gateway'] });
    expect(() => restartStorm('order-gateway', { restartsAtLeast: 0, withinMs: 1_000 })).toThrow(
      'restartStorm(order-gateway): restartsAtLeast must be at least 1, got 0',
    );
  });
});

describe('serviceStopped (the storm stopped: the supervisor holds the service down)', () => {
  it('holds only when the supervisor says it is held stopped; down between two restarts is not', async () => {
    const probe = serviceStopped('order-gateway');
    expect(await probe.observe(supervised([reading(12, 'stopped')]))).toEqual({
      ok: true,
      detail: 'order-gateway: its supervisor says stopped (held stopped), 12 restarts in all',
    });
    expect(await probe.observe(supervised([reading(12, 'waiting restart')]))).toEqual({
      ok: false,
      detail: 'order-gateway: its supervisor says waiting restart, 12 restarts in all',
    });
  });
});
