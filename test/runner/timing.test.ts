import { describe, expect, it } from 'vitest';
import type { Probe, ProbeContext } from '../../src/probes/probe.ts';
import { pollUntilHeld } from '../../src/runner/poll.ts';
import { awaitDetection } from '../../src/runner/phases/detect.ts';
import { sinceInjection } from '../../src/runner/phases/since-injection.ts';
import type { ScenarioRun } from '../../src/runner/scenario-run.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';
import { fakeClock } from '../support/fake-clock.ts';

const context = {} as ProbeContext;
const signal = new AbortController().signal;

/** A probe that starts holding once the clock reaches `atMs`. */
function holdsFrom(clock: { now(): number }, atMs: number): Probe {
  return { name: `holds from ${atMs}`, observe: async () => ({ ok: clock.now() >= atMs, detail: `now ${clock.now()}` }) };
}

describe('pollUntilHeld', () => {
  it('reports when the probes first held, within one poll interval', async () => {
    const clock = fakeClock(0);
    const result = await pollUntilHeld([holdsFrom(clock, 1234)], context, { clock, deadlineMs: 10_000, intervalMs: 50, signal });
    expect(result.heldAt).toBeGreaterThanOrEqual(1234);
    expect(result.heldAt! - 1234).toBeLessThan(50);
  });

  it('needs every probe to hold in the same round', async () => {
    const clock = fakeClock(0);
    const result = await pollUntilHeld([holdsFrom(clock, 100), holdsFrom(clock, 700)], context, {
      clock,
      deadlineMs: 10_000,
      intervalMs: 100,
      signal,
    });
    expect(result.heldAt).toBe(700);
  });

  it('gives up at the deadline and returns the last observations', async () => {
    const clock = fakeClock(0);
    const result = await pollUntilHeld([holdsFrom(clock, 99_999)], context, { clock, deadlineMs: 1000, intervalMs: 100, signal });
    expect(result.heldAt).toBeUndefined();
    expect(result.last[0]?.ok).toBe(false);
    expect(clock.now()).toBeGreaterThanOrEqual(1000);
  });

  it('watches a streak under way at the deadline to its end: held, or broken', async () => {
    // Each round takes 300 ms; the probe holds from 750 (a round that began at 800 ends at 1100, after the 1000 ms deadline).
    const slowProbe = (clock: ReturnType<typeof fakeClock>, holds: (atMs: number) => boolean): Probe => ({
      name: 'slow',
      observe: async () => {
        const ok = holds(clock.now());
        clock.advance(300);
        return { ok, detail: `seen at ${clock.now()}` };
      },
    });
    const options = (clock: ReturnType<typeof fakeClock>) => ({ clock, deadlineMs: 1000, intervalMs: 100, holdMs: 500, signal });
    const holding = fakeClock(0);
    expect((await pollUntilHeld([slowProbe(holding, (t) => t >= 750)], context, options(holding))).heldAt).toBe(1100);
    const flapping = fakeClock(0);
    const broken = await pollUntilHeld([slowProbe(flapping, (t) => t >= 750 && t < 1200)], context, options(flapping));
    expect(broken.heldAt).toBeUndefined();
    expect(broken.last[0]?.ok).toBe(false);
  });

  it('counts a probe that throws as not holding', async () => {
    const clock = fakeClock(0);
    const broken: Probe = { name: 'broken', observe: async () => Promise.reject(new Error('connection refused')) };
    const result = await pollUntilHeld([broken], context, { clock, deadlineMs: 200, signal });
    expect(result.last[0]).toEqual({ ok: false, detail: 'broken: connection refused' });
  });
});

describe('awaitDetection', () => {
  const scenario = (detection: Probe) =>
    ({
      targets: { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 },
      detection,
      timeouts: { steadyStateMs: 1, overrunMs: 10_000 },
    }) as unknown as Scenario;
  const run = (clock: ReturnType<typeof fakeClock>, detection: Probe): ScenarioRun => ({
    scenario: scenario(detection),
    probes: context,
    clock,
    timeline: createTimeline(clock),
    signal,
    workDir: '/tmp',
  });

  it('measures detectMs from the injection on the monotonic clock and records it', async () => {
    const clock = fakeClock(10_000);
    const r = run(clock, holdsFrom(clock, 12_300));
    const detectMs = await awaitDetection(r, 10_000);
    expect(detectMs).toBeGreaterThanOrEqual(2300);
    expect(detectMs).toBeLessThan(2350);
    expect(r.timeline.events.at(-1)).toMatchObject({ kind: 'detection.signal', detail: { detectMs } });
  });

  it('keeps measuring past the target so a miss has a number', async () => {
    const clock = fakeClock(0);
    expect(await awaitDetection(run(clock, holdsFrom(clock, 7000)), 0)).toBeGreaterThanOrEqual(7000);
  });

  it("times a signal that says when it began (Prometheus' firing time) by that, not by when it was seen", async () => {
    const clock = fakeClock(10_000);
    const wallAt = (monotonic: number) => clock.wallTime().getTime() - clock.now() + monotonic;
    // Seen at 13 000 (the harness polls late), but Prometheus says it turned firing at 12 000.
    const reportsSince: Probe = { name: 'alert', observe: async () => ({ ok: clock.now() >= 13_000, detail: '', since: wallAt(12_000) }) };
    expect(await awaitDetection(run(clock, reportsSince), 10_000)).toBe(2000);
  });

  it('ignores a begin time from before the injection (the state predates the fault) and times the sighting', async () => {
    const clock = fakeClock(10_000);
    const wallAt = (monotonic: number) => clock.wallTime().getTime() - clock.now() + monotonic;
    const stale: Probe = { name: 'alert', observe: async () => ({ ok: clock.now() >= 13_000, detail: '', since: wallAt(9_000) }) };
    const detectMs = await awaitDetection(run(clock, stale), 10_000);
    expect(detectMs).toBeGreaterThanOrEqual(3000);
    expect(detectMs).toBeLessThan(3100);
  });

  it('returns null after target + overrun when nothing is detected', async () => {
    const clock = fakeClock(0);
    const r = run(clock, holdsFrom(clock, Number.POSITIVE_INFINITY));
    expect(await awaitDetection(r, 0)).toBeNull();
    expect(r.timeline.events.at(-1)?.kind).toBe('detection.missed');
  });
});

describe('pollUntilHeld with a hold window', () => {
  /** Holds during [from, until). */
  const holdsBetween = (clock: { now(): number }, from: number, until: number): Probe => ({
    name: 'window',
    observe: async () => ({ ok: clock.now() >= from && clock.now() < until, detail: '' }),
  });

  it('reports the start of a streak that lasted holdMs', async () => {
    const clock = fakeClock(0);
    const result = await pollUntilHeld([holdsFrom(clock, 500)], context, {
      clock,
      deadlineMs: 10_000,
      intervalMs: 100,
      holdMs: 2000,
      signal,
    });
    expect(result.heldAt).toBe(500);
    expect(clock.now()).toBeGreaterThanOrEqual(2500);
  });

  it('ignores a flap shorter than holdMs and measures from the streak that held', async () => {
    const clock = fakeClock(0);
    const flapThenHold: Probe = {
      name: 'flap',
      observe: async () => ({ ok: (clock.now() >= 200 && clock.now() < 700) || clock.now() >= 3000, detail: '' }),
    };
    const result = await pollUntilHeld([flapThenHold], context, { clock, deadlineMs: 10_000, intervalMs: 100, holdMs: 1000, signal });
    expect(result.heldAt).toBe(3000);
  });

  it('lets a streak that began before the deadline finish its hold window', async () => {
    const clock = fakeClock(0);
    const result = await pollUntilHeld([holdsBetween(clock, 900, 1e9)], context, {
      clock,
      deadlineMs: 1000,
      intervalMs: 100,
      holdMs: 2000,
      signal,
    });
    expect(result.heldAt).toBe(900);
  });

  it('fails when the only streak breaks inside the hold window after the deadline', async () => {
    const clock = fakeClock(0);
    const result = await pollUntilHeld([holdsBetween(clock, 900, 1500)], context, {
      clock,
      deadlineMs: 1000,
      intervalMs: 100,
      holdMs: 2000,
      signal,
    });
    expect(result.heldAt).toBeUndefined();
  });
});

describe('pollUntilHeld at its edges', () => {
  const never = (clock: { now(): number }): Probe => holdsFrom(clock, Number.POSITIVE_INFINITY);

  it('stops at the round that reaches the deadline, not one later', async () => {
    const clock = fakeClock(0);
    await pollUntilHeld([never(clock)], context, { clock, deadlineMs: 1000, intervalMs: 100, signal });
    expect(clock.now()).toBe(1000);
  });

  it('adds the hold window to the deadline only for a streak under way', async () => {
    const clock = fakeClock(0);
    await pollUntilHeld([never(clock)], context, { clock, deadlineMs: 1000, intervalMs: 100, holdMs: 500, signal });
    expect(clock.now()).toBe(1000);
  });

  it('returns at the round where the streak has lasted exactly holdMs', async () => {
    const clock = fakeClock(0);
    const result = await pollUntilHeld([holdsFrom(clock, 500)], context, {
      clock,
      deadlineMs: 10_000,
      intervalMs: 100,
      holdMs: 2000,
      signal,
    });
    expect(result.heldAt).toBe(500);
    expect(clock.now()).toBe(2500);
  });

  it('polls every 100 ms unless told otherwise', async () => {
    const clock = fakeClock(0);
    expect((await pollUntilHeld([holdsFrom(clock, 250)], context, { clock, deadlineMs: 10_000, signal })).heldAt).toBe(300);
  });

  it('stops with the abort reason once the run is interrupted', async () => {
    const clock = fakeClock(0);
    const interrupted = new AbortController();
    interrupted.abort(new Error('SIGINT'));
    await expect(pollUntilHeld([never(clock)], context, { clock, deadlineMs: 1000, signal: interrupted.signal })).rejects.toThrow('SIGINT');
  });
});

describe('awaitDetection: its deadline and what it records', () => {
  const scenario = (detection: Probe) =>
    ({
      targets: { detectMs: 5000, recoveryMs: 1, dataLoss: 0 },
      detection,
      timeouts: { steadyStateMs: 1, overrunMs: 10_000 },
    }) as unknown as Scenario;
  const run = (clock: ReturnType<typeof fakeClock>, detection: Probe): ScenarioRun => ({
    scenario: scenario(detection),
    probes: context,
    clock,
    timeline: createTimeline(clock),
    signal,
    workDir: '/tmp',
  });

  it('counts the target plus the overrun from the injection, not from when it starts looking', async () => {
    // Injected 3 s before: 5000 + 10 000 - 3000 = 12 000 ms left.
    const clock = fakeClock(10_000);
    const r = run(clock, holdsFrom(clock, Number.POSITIVE_INFINITY));
    expect(await awaitDetection(r, 7_000)).toBeNull();
    expect(clock.now()).toBeGreaterThanOrEqual(22_000);
    expect(clock.now()).toBeLessThan(22_050);
    expect(r.timeline.events.at(-1)?.detail).toEqual({ signal: 'holds from Infinity', last: `now ${clock.now()}` });
  });

  it('records the signal, the time and what was observed', async () => {
    const clock = fakeClock(0);
    const r = run(clock, holdsFrom(clock, 100));
    const detectMs = await awaitDetection(r, 0);
    expect(r.timeline.events.at(-1)?.detail).toEqual({ signal: 'holds from 100', detectMs, observed: 'now 100' });
  });
});

describe('sinceInjection', () => {
  const clock = fakeClock(10_000);
  const wallAt = (monotonic: number) => clock.wallTime().getTime() - clock.now() + monotonic;

  it('takes a begin time at the injection itself', () => {
    expect(sinceInjection({ clock }, 10_000, 12_000, wallAt(10_000))).toBe(0);
  });

  it('takes the sighting when the system says it began after the harness saw it (clock skew)', () => {
    expect(sinceInjection({ clock }, 10_000, 12_000, wallAt(12_500))).toBe(2000);
  });

  it('rounds to whole milliseconds', () => {
    expect(sinceInjection({ clock }, 10_000, 12_000.6, undefined)).toBe(2001);
    expect(sinceInjection({ clock }, 10_000, 12_000, wallAt(11_000.4))).toBe(1000);
  });
});

describe('createTimeline', () => {
  it('starts empty, stamps each event with ms since it began and the wall time, and hands each to onEvent', () => {
    const clock = fakeClock(1000);
    const seen: string[] = [];
    const timeline = createTimeline(clock, (event) => seen.push(`${event.t} ${event.kind}`));
    expect(timeline.events).toEqual([]);
    clock.advance(250.4);
    expect(timeline.elapsed()).toBe(250);
    const event = timeline.record('fault.injected', { kind: 'process.kill' });
    expect(event).toEqual({ t: 250, at: '2026-01-01T00:00:01.250Z', kind: 'fault.injected', detail: { kind: 'process.kill' } });
    expect(timeline.record('scenario.finished')).toMatchObject({ detail: {} });
    expect(timeline.events).toHaveLength(2);
    expect(seen).toEqual(['250 fault.injected', '250 scenario.finished']);
  });
});
