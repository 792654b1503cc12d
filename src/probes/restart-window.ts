/**
 * Restarts within a sliding window, from successive readings of a
 * supervisor's restart counter (PM2's restart_time, the engine's
 * RestartCount). Only readings inside the window count, so the restarts
 * reported always happened within `windowMs`. A counter that went down was
 * reset (`docker start` resets the engine's): its new value is the restarts since.
 */
export interface RestartReading {
  /** Monotonic ms. */
  readonly atMs: number;
  readonly restarts: number;
}

export interface RestartsSeen {
  /** Restarts between the oldest reading in the window and the newest. */
  readonly restarts: number;
  /** The time those readings span, ms (0 with one reading). */
  readonly spanMs: number;
  /** Restarts a minute over that span; 0 when it spans no time. */
  readonly perMinute: number;
}

export class RestartWindow {
  readonly #windowMs: number;
  #readings: RestartReading[] = [];

  constructor(windowMs: number) {
    if (!(windowMs > 0)) throw new RangeError(`a restart window must be longer than 0 ms, got ${windowMs}`);
    this.#windowMs = windowMs;
  }

  /** Adds a reading (later than the last) and answers what the window now holds. */
  add(reading: RestartReading): RestartsSeen {
    const last = this.#readings.at(-1);
    if (last && reading.atMs < last.atMs)
      throw new RangeError(`restart readings must come in time order: ${reading.atMs} ms after ${last.atMs} ms`);
    this.#readings = [...this.#readings.filter((r) => r.atMs >= reading.atMs - this.#windowMs), reading];
    const restarts = this.#readings.slice(1).reduce((sum, r, i) => sum + increase(this.#readings[i]!.restarts, r.restarts), 0);
    const spanMs = reading.atMs - this.#readings[0]!.atMs;
    return { restarts, spanMs, perMinute: spanMs > 0 ? (restarts * 60_000) / spanMs : 0 };
  }
}

function increase(before: number, after: number): number {
  return after >= before ? after - before : after;
}
