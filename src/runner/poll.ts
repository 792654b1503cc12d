import type { Clock } from '../clock/clock.ts';
import { type Observation, observeAll, type Probe, type ProbeContext } from '../probes/probe.ts';

export interface PollResult {
  /** Monotonic time (clock.now()) at which all probes held, or undefined if they never did. */
  readonly heldAt: number | undefined;
  readonly last: readonly Observation[];
}

export interface PollOptions {
  readonly clock: Clock;
  readonly deadlineMs: number;
  readonly intervalMs?: number;
  readonly signal: AbortSignal;
}

/**
 * Observes the probes until all hold at once or `deadlineMs` passes. The time
 * reported is when the observation round that held began, so slow probes do
 * not inflate the measurement.
 */
export async function pollUntilHeld(probes: readonly Probe[], context: ProbeContext, options: PollOptions): Promise<PollResult> {
  const { clock } = options;
  const deadline = clock.now() + options.deadlineMs;
  for (;;) {
    options.signal.throwIfAborted();
    const roundStart = clock.now();
    const last = await observeAll(probes, context);
    if (last.every((observation) => observation.ok)) return { heldAt: roundStart, last };
    if (clock.now() >= deadline) return { heldAt: undefined, last };
    await clock.sleep(options.intervalMs ?? 100, options.signal);
  }
}
