/**
 * Time, made injectable so timing logic is unit tested without sleeping.
 * `now()` is monotonic milliseconds (performance.now); `wallTime()` is for
 * the ISO stamps that sit beside it in the evidence.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';

export interface Clock {
  now(): number;
  wallTime(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallTime: () => new Date(),
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
};
