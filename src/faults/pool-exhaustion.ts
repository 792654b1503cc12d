/**
 * Connection-pool exhaustion as a stuck client causes it, in the application's
 * own role (a leaking batch job):
 *
 *   inject      session 1: BEGIN; LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE → idle in transaction
 *               the gateway's order writes (INSERT, the dispatcher's UPDATE) wait on it; its bounded pool fills
 *   +headStart  sessions 2…n: BEGIN; SELECT 1 → idle in transaction, until the server refuses one (SQLSTATE 53300)
 *
 * SHARE ROW EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every INSERT and
 * UPDATE takes, not with plain reads. inject() returns once the lock is held:
 * that is when the system starts to suffer, so detection is timed from there,
 * not from the seconds the harness spends opening sessions. The rest fills in
 * the background; `exhausted` says when the server refused and how many were
 * held, and the description names them from then on. Once full, it takes every
 * slot that frees up, until an operator ends one of its sessions (the runbook's
 * db.terminate-stuck): a leaking client leaks until stopped. Revert stops the filling
 * and ends every session held, including those the runbook already terminated;
 * if the filling failed, revert fails after cleaning up, so the run says so.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { postgresConnection } from '../runtime/postgres-connection.ts';
import type { Environment } from '../runtime/runtime.ts';
import { type Fault, type InjectedFault, once } from './fault.ts';
import { HeldSessions } from './held-sessions.ts';
import { fillUntilRefused, type Refusal, takeFreedSlots } from './slot-filler.ts';

export interface PoolExhaustionOptions {
  /** The table the stuck session locks; the gateway's order writes need `orders`. */
  readonly table?: string;
  /** How long the lock alone holds the gateway's writes (its pool fills) before the server is filled. */
  readonly headStartMs?: number;
  /** Once full, how often to try for a slot that freed up (another client closing its connection). */
  readonly retakeIntervalMs?: number;
  /** Safety limit: filling fails if the server still accepts after this many sessions. */
  readonly maxSessions?: number;
}

export interface Exhaustion {
  /** Sessions held when the server refused, the lock holder included. */
  readonly held: number;
  readonly refusal: Refusal;
  /** Lock taken → the server refused a session. */
  readonly exhaustedAfterMs: number;
}

export interface InjectedPoolExhaustion extends InjectedFault {
  /** Resolves when the server refused a session; rejects if filling failed or was reverted first. */
  readonly exhausted: Promise<Exhaustion>;
}

export interface PoolExhaustionFault extends Fault {
  inject(env: Environment, signal: AbortSignal): Promise<InjectedPoolExhaustion>;
}

export const stuckClientName = 'firedrill-stuck-client';
const LOCK_MODE = 'SHARE ROW EXCLUSIVE';

export function poolExhaustion(options: PoolExhaustionOptions = {}): PoolExhaustionFault {
  const table = options.table ?? 'orders';
  const headStartMs = options.headStartMs ?? 2000;
  const description = `a stuck client in the application's role locks ${table} (${LOCK_MODE}) idle in transaction; ${headStartMs} ms later it holds every connection slot left`;
  return {
    kind: 'postgres.pool-exhaustion',
    description,
    uses: { services: ['postgres'] },
    async inject(env, signal) {
      const sessions = new HeldSessions(postgresConnection(env.variables(), 'app', stuckClientName));
      await sessions.open(`BEGIN; SET LOCAL lock_timeout = '5s'; LOCK TABLE ${pg.escapeIdentifier(table)} IN ${LOCK_MODE} MODE`);
      const lockedAt = performance.now();
      const stop = new AbortController();
      const until = AbortSignal.any([signal, stop.signal]);
      let outcome = `filling: sessions open from ${headStartMs} ms after the lock until PostgreSQL refuses one`;
      let failure: Error | undefined;
      const exhausted = (async (): Promise<Exhaustion> => {
        await sleep(headStartMs, undefined, { signal: until });
        const refusal = await fillUntilRefused(sessions, options.maxSessions ?? 1000, until);
        const done = { held: sessions.count, refusal, exhaustedAfterMs: Math.round(performance.now() - lockedAt) };
        outcome = `${done.held} sessions held until PostgreSQL refused the next with ${done.refusal.code} "${done.refusal.message}", ${done.exhaustedAfterMs} ms after the lock`;
        return done;
      })();
      const holding = exhausted.then(
        async (done) => {
          const retaken = await takeFreedSlots(sessions, options.retakeIntervalMs ?? 500, until);
          if (retaken > 0) outcome += `; ${retaken} more taken as slots freed up (${done.held + retaken} in all)`;
        },
        (error: Error) => {
          outcome = `filling stopped with ${sessions.count} sessions held: ${until.aborted ? 'stopped' : error.message}`;
          if (!until.aborted) failure = error; // stopped by revert or an interrupted run is not a failure of the fault
        },
      );
      exhausted.catch(() => {}); // handled through `holding`, whoever else awaits it or not
      return {
        get description() {
          return `${description}: ${outcome}`;
        },
        exhausted,
        revert: once(async () => {
          stop.abort(new Error('reverted before the server was full'));
          await holding;
          const { closed, alreadyEnded } = await sessions.closeAll();
          outcome += `; reverted: ${closed} closed, ${alreadyEnded} already ended by the server`;
          if (failure) throw new Error(`Fault "pool exhaustion" was injected only in part: ${outcome}`, { cause: failure });
        }),
      };
    },
  };
}
