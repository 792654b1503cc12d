import { describe, expect, it } from 'vitest';
import type { Probe, ProbeContext } from '../../src/probes/probe.ts';
import { pollUntilHeld } from '../../src/runner/poll.ts';
import { awaitDetection } from '../../src/runner/phases/detect.ts';
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
