import type { Clock } from '../../src/clock/clock.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import type { ScenarioRun } from '../../src/runner/scenario-run.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';
import { fakeClock } from './fake-clock.ts';

/**
 * A ScenarioRun for testing one phase: the scenario fields the phase reads,
 * a fake clock, and a stand-in environment with only what the test gives it
 * (a phase that reaches for anything else fails loudly).
 */
export function phaseRun(
  scenario: Partial<Scenario>,
  options: { clock?: Clock; env?: Partial<Environment>; signal?: AbortSignal } = {},
): ScenarioRun {
  const clock = options.clock ?? fakeClock(0);
  return {
    scenario: { id: 'phase-test', ...scenario } as Scenario,
    probes: { env: options.env ?? {}, signal: options.signal ?? new AbortController().signal } as ProbeContext,
    clock,
    timeline: createTimeline(clock),
    signal: options.signal ?? new AbortController().signal,
    workDir: '/tmp',
  };
}

/** A probe that holds while `holds(now)` is true on the clock, and says the time it looked. */
export function probeOn(name: string, clock: Pick<Clock, 'now'>, holds: (now: number) => boolean) {
  return { name, observe: async () => ({ ok: holds(clock.now()), detail: `${name} at ${clock.now()}` }) };
}
