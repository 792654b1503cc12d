/**
 * Waits that end only once the harness has read what already arrived on its sockets.
 *
 * Node runs due timers before it polls for I/O. After a stall (a busy machine kept the harness off the CPU for a
 * second or more: seen in CI, its main thread waiting 0.8-2.5 s for a core while containers started), the timer that
 * wakes a look or ends a request's wait runs while the system's answers still sit in the sockets: the look counts no
 * answer in its window, the request is given up, though the system answered in time. A setImmediate callback runs
 * after that poll, so what had arrived is read first. A system that did not answer is still seen not answering.
 */
import { setImmediate as nextCheckPhase } from 'node:timers/promises';

/** Resolves once the I/O that had arrived when it was called has been read (and its callbacks run). */
export function afterPendingIo(): Promise<void> {
  return nextCheckPhase();
}

/**
 * Like AbortSignal.timeout(ms), but aborted only after the answers that arrived by then were read: they win over it.
 * `notCounted`, when given, tells how many ms since the start do not count against the timeout (the harness itself
 * held up: it could neither send the request nor read its answer then); the timeout is moved on by as much.
 */
export function timeoutAfterPendingIo(ms: number, notCounted: () => number = () => 0): AbortSignal {
  const controller = new AbortController();
  let granted = ms;
  const arm = (wait: number) =>
    setTimeout(
      () =>
        setImmediate(() => {
          const owed = ms + notCounted() - granted;
          if (owed <= 0) return controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
          granted += owed;
          arm(owed);
        }),
      wait,
    ).unref();
  arm(ms);
  return controller.signal;
}
