// Gives back the memory a burst took, in a process that runs only the fault
// proxy. V8 keeps the heap a burst grew to: its memory reducer waits for an
// allocation rate it cannot measure while the process sleeps, so each burst
// of 1,000 connections left 16–25 MiB behind for good. Here, once a second: if the
// event loop was quiet and RSS is more than 10 % above the lowest seen, run
// one full, memory-reducing collection (15–30 ms, while little happens). One
// that cannot bring RSS back (the memory is in use, or is malloc's) waits
// twice as long before the next, up to a minute.
//
// Needs `gc` (node --expose-gc, as proxyProcess starts it); without it this
// does nothing. Process-wide, so only `firedrill proxy` starts it, never a
// proxy server embedded in another process.

export interface IdleCollectorOptions {
  readonly checkMs?: number;
  /** Event-loop utilisation below which the last interval counts as quiet. */
  readonly quietBelow?: number;
  /** Injected in tests; default: the global `gc`, RSS, and the event loop's utilisation since the last call. */
  readonly collect?: () => void;
  readonly rssBytes?: () => number;
  readonly utilization?: () => number;
}

const growthAllowed = 1.1;
const maxBackoffMs = 60_000;

export function startIdleCollector(options: IdleCollectorOptions = {}): Disposable {
  const gc = globalThis.gc;
  const collect = options.collect ?? (gc && (() => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })));
  if (!collect) return { [Symbol.dispose]: () => undefined };
  const checkMs = options.checkMs ?? 1000;
  const quietBelow = options.quietBelow ?? 0.05;
  const rssBytes = options.rssBytes ?? (() => process.memoryUsage.rss());
  const utilization = options.utilization ?? loopUtilization();
  let lowestBytes = rssBytes();
  let backoffMs = checkMs;
  let waitMs = 0;
  const timer = setInterval(() => {
    const quiet = utilization() < quietBelow;
    const bytes = rssBytes();
    waitMs = Math.max(0, waitMs - checkMs);
    if (quiet) lowestBytes = Math.min(lowestBytes, bytes);
    if (!quiet || bytes <= lowestBytes * growthAllowed || waitMs > 0) return;
    collect();
    const recovered = rssBytes() <= lowestBytes * growthAllowed;
    backoffMs = recovered ? checkMs : Math.min(backoffMs * 2, maxBackoffMs);
    waitMs = backoffMs;
    utilization(); // the collection itself is not traffic
  }, checkMs).unref();
  return { [Symbol.dispose]: () => clearInterval(timer) };
}

/** Utilisation of the event loop since the previous call (0..1). */
function loopUtilization(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}
