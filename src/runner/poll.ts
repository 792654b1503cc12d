import type { Clock } from '../clock/clock.ts';
import { type Observation, observeAll, type Probe, type ProbeContext } from '../probes/probe.ts';

export interface PollResult {
  /** Monotonic time (clock.now()) at which the probes were first seen holding, or undefined if they never held long enough. */
  readonly heldAt: number | undefined;
  readonly last: readonly Observation[];
}

export interface PollOptions {
  readonly clock: Clock;
  readonly deadlineMs: number;
  readonly intervalMs?: number;
  /** The probes must hold in every round for this long before they count as held (0: one round is enough). */
  readonly holdMs?: number;
  readonly signal: AbortSignal;
  /** Told every round's observations (a game day's status line shows what is still down). */
  readonly onRound?: (last: readonly Observation[]) => void;
}

/**
 * Observes the probes until all hold at once — continuously for `holdMs` — or
 * `deadlineMs` passes. The time reported is when the first round of the
 * holding streak finished observing: the moment the harness knew, never
 * earlier (a slow probe may lengthen a measurement, never shorten it). The
 * hold window does not count; a flap resets the streak. A streak under way
 * at the deadline (its first round began before it) is watched to its end:
 * it holds or it breaks. Given up on at the deadline plus `holdMs` instead,
 * a streak whose first round ended after the deadline was cut short with
 * every probe holding (seen in CI: pm2-double-spawn's steady state "did not
 * hold for 3000 ms within 20000 ms", naming no probe that failed).
 */
export async function pollUntilHeld(probes: readonly Probe[], context: ProbeContext, options: PollOptions): Promise<PollResult> {
  const { clock } = options;
  const holdMs = options.holdMs ?? 0;
  const deadline = clock.now() + options.deadlineMs;
  let streakStart: number | undefined;
  for (;;) {
    options.signal.throwIfAborted();
    const last = await observeAll(probes, context);
    const seenAt = clock.now();
    options.onRound?.(last);
    streakStart = last.every((observation) => observation.ok) ? (streakStart ?? seenAt) : undefined;
    if (streakStart !== undefined && clock.now() - streakStart >= holdMs) return { heldAt: streakStart, last };
    if (streakStart === undefined && clock.now() >= deadline) return { heldAt: undefined, last };
    await clock.sleep(options.intervalMs ?? 100, options.signal);
  }
}
