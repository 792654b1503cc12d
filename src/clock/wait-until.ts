import { type Clock, systemClock } from './clock.ts';

export interface WaitOptions {
  /** What is awaited, for the error message: `Redis on port 6379 answering PING`. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * Polls `check` until it returns a value other than undefined/false, or throws
 * `<what> not reached after <timeoutMs>ms` with the last error seen.
 */
export async function waitUntil<T>(check: () => Promise<T | undefined | false>, options: WaitOptions): Promise<T> {
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const result = await check();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    if (clock.now() >= deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${options.what} not reached after ${options.timeoutMs}ms${cause}`, { cause: lastError });
    }
    await clock.sleep(options.intervalMs ?? 100, options.signal);
  }
}
