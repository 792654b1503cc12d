import { describe, expect, it } from 'vitest';
import { awaitSteadyState } from '../../src/runner/phases/steady-state.ts';
import { awaitRecovery } from '../../src/runner/phases/verify.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { phaseRun, probeOn } from '../support/phase-run.ts';

const always = (now: number) => now >= 0;
const never = (now: number) => now < 0;

describe('awaitSteadyState (phase 1)', () => {
  const scenario = (steadyState: Scenario['steadyState'], holdMs = 1000): Partial<Scenario> => ({
    steadyState,
    timeouts: { steadyStateMs: 5000, overrunMs: 0 },
    hold: { steadyStateMs: holdMs, recoveryMs: 0 },
  });

  it('returns no reason once every probe has held for the hold window, and records what they saw', async () => {
    const clock = fakeClock(0);
    const run = phaseRun(scenario([probeOn('gateway ready', clock, (t) => t >= 600), probeOn('orders flow', clock, always)]), { clock });
    expect(await awaitSteadyState(run)).toBeUndefined();
    expect(clock.now()).toBeGreaterThanOrEqual(1600);
    expect(run.timeline.events.map((e) => [e.kind, e.detail])).toEqual([
      ['steady-state.started', { probes: ['gateway ready', 'orders flow'] }],
      ['steady-state.held', { observations: [`gateway ready at ${clock.now()}`, `orders flow at ${clock.now()}`] }],
    ]);
  });

  it('polls every 250 ms', async () => {
    const clock = fakeClock(0);
    const looks: number[] = [];
    const probe = {
      name: 'p',
      observe: async () => {
        looks.push(clock.now());
        return { ok: clock.now() >= 700, detail: '' };
      },
    };
    await awaitSteadyState(phaseRun(scenario([probe], 0), { clock }));
    expect(looks).toEqual([0, 250, 500, 750]);
  });

  it('aborts when flaps keep the probes from holding for the window before the timeout, naming only the probes that failed', async () => {
    const clock = fakeClock(0);
    // Breaks for 250 ms every 2 s: no 3-second streak, even one allowed to run past the 5 s timeout.
    const flapping = probeOn('gateway ready', clock, (t) => t % 2000 >= 250);
    const run = phaseRun(scenario([probeOn('orders flow', clock, always), flapping], 3000), { clock });
    expect(await awaitSteadyState(run)).toBe('steady state did not hold for 3000 ms within 5000 ms before injection: gateway ready');
    expect(run.timeline.events.at(-1)).toEqual(
      expect.objectContaining({
        kind: 'steady-state.unmet',
        detail: { observations: [`orders flow at ${clock.now()}`, `gateway ready at ${clock.now()}`] },
      }),
    );
  });

  it('lists every probe that failed its last look', async () => {
    const clock = fakeClock(0);
    const run = phaseRun(scenario([probeOn('orders flow', clock, never), probeOn('gateway ready', clock, never)]), { clock });
    expect(await awaitSteadyState(run)).toMatch(/before injection: orders flow; gateway ready$/);
  });
});

describe('awaitRecovery (phase 5)', () => {
  const scenario = (recovery: Scenario['recovery'], holdMs = 0): Partial<Scenario> => ({
    recovery,
    targets: { detectMs: 1000, recoveryMs: 2000, dataLoss: 0 },
    timeouts: { steadyStateMs: 1, overrunMs: 1000 },
    hold: { steadyStateMs: 0, recoveryMs: holdMs },
  });

  it('returns when the recovery probes first held, after the hold window, and records it', async () => {
    const clock = fakeClock(10_000);
    const run = phaseRun(scenario([probeOn('gateway ready', clock, (t) => t >= 11_000)], 500), { clock });
    const outcome = await awaitRecovery(run, 10_000);
    expect(outcome).toEqual({ heldAt: 11_000, unmet: [] });
    expect(clock.now()).toBeGreaterThanOrEqual(11_500);
    expect(run.timeline.events.map((e) => e.kind)).toEqual(['recovery.waiting', 'recovery.held']);
    expect(run.timeline.events[0]?.detail).toEqual({ probes: ['gateway ready'] });
  });

  it('waits until the target plus the overrun, counted from the start of remediation', async () => {
    // Remediation started 1000 ms ago: 2000 + 1000 - 1000 = 2000 ms are left.
    const holdsAt = (at: number) => {
      const clock = fakeClock(10_000);
      return awaitRecovery(phaseRun(scenario([probeOn('p', clock, (t) => t >= at)]), { clock }), 9_000);
    };
    expect((await holdsAt(11_900)).heldAt).toBe(11_900);
    expect((await holdsAt(12_100)).heldAt).toBeUndefined();
  });

  it('polls every 100 ms', async () => {
    const clock = fakeClock(0);
    const looks: number[] = [];
    const probe = {
      name: 'p',
      observe: async () => {
        looks.push(clock.now());
        return { ok: clock.now() >= 250, detail: '' };
      },
    };
    await awaitRecovery(phaseRun(scenario([probe]), { clock }), 0);
    expect(looks).toEqual([0, 100, 200, 300]);
  });

  it('when missed, says what each probe that did not hold saw last', async () => {
    const clock = fakeClock(0);
    const run = phaseRun(scenario([probeOn('orders flow', clock, always), probeOn('gateway ready', clock, never)]), { clock });
    const outcome = await awaitRecovery(run, 0);
    expect(outcome.heldAt).toBeUndefined();
    expect(outcome.unmet).toEqual([`gateway ready: gateway ready at ${clock.now()}`]);
    expect(run.timeline.events.at(-1)).toEqual(
      expect.objectContaining({
        kind: 'recovery.missed',
        detail: { observations: [`orders flow at ${clock.now()}`, `gateway ready at ${clock.now()}`] },
      }),
    );
  });
});
