/**
 * Taking every connection slot PostgreSQL has left for non-superusers with
 * sessions left idle in a transaction (`BEGIN; SELECT 1`), as a leaking client
 * does: first until the server refuses one (SQLSTATE 53300), then every slot
 * that frees up, until the server ends one of them (an operator terminated
 * the client's sessions: it leaks no more).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { connectTimedOut, tooManyConnections } from '../runtime/postgres-connection.ts';
import type { HeldSessions } from './held-sessions.ts';
const IDLE_IN_TRANSACTION = 'BEGIN; SELECT 1';
// Opening a session costs an authentication, ~10–40 ms of CPU here: eight at a time keeps both cores busy.
const PARALLEL_CONNECTS = 8;
/**
 * A connect that times out is slowness, not an answer: on a saturated machine (CI's, with three environments
 * beside this one) a batch's connects sometimes took longer than their 3 s. Filling fails only when this many
 * batches in a row made no progress that way.
 */
const SLOW_BATCHES_TOLERATED = 3;

/** What PostgreSQL said when it refused a session. */
export interface Refusal {
  readonly code: string;
  readonly message: string;
}

/**
 * Opens sessions a few at a time until the server refuses one with 53300. Connects that time out are tried
 * again, up to SLOW_BATCHES_TOLERATED batches in a row without a session opened; any other error fails the filling.
 */
export async function fillUntilRefused(
  sessions: Pick<HeldSessions, 'count' | 'open'>,
  maxSessions: number,
  signal: AbortSignal,
): Promise<Refusal> {
  let slowBatches = 0;
  while (sessions.count < maxSessions) {
    signal.throwIfAborted();
    const batch = Math.min(PARALLEL_CONNECTS, maxSessions - sessions.count);
    const before = sessions.count;
    const results = await Promise.allSettled(Array.from({ length: batch }, () => sessions.open(IDLE_IN_TRANSACTION)));
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error & { code?: string }] : []));
    const refusal = errors.find((e) => e.code === tooManyConnections);
    if (refusal) return { code: tooManyConnections, message: refusal.message };
    const other = errors.find((e) => !connectTimedOut(e));
    if (other) throw new Error(`opening session ${sessions.count + 1} failed: ${other.message}`, { cause: other });
    slowBatches = errors.length > 0 && sessions.count === before ? slowBatches + 1 : 0;
    if (slowBatches === SLOW_BATCHES_TOLERATED)
      throw new Error(
        `opening session ${sessions.count + 1} failed: every connect of ${SLOW_BATCHES_TOLERATED} batches in a row timed out (${errors[0]!.message})`,
        { cause: errors[0] },
      );
  }
  throw new Error(`PostgreSQL still accepted connections after ${maxSessions} sessions (maxSessions): is max_connections that high?`);
}

/** Every `intervalMs`, takes a slot that freed up, until the server ends a held session or `signal` aborts. Returns how many it took. */
export async function takeFreedSlots(sessions: HeldSessions, intervalMs: number, signal: AbortSignal): Promise<number> {
  let taken = 0;
  while (!signal.aborted && !sessions.anyEndedByServer) {
    const opened = await sessions.open(IDLE_IN_TRANSACTION).then(
      () => true,
      () => false, // refused (the server is still full) or slow: try again next time
    );
    if (opened) taken++;
    else await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
  }
  return taken;
}
