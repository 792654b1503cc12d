import { setTimeout as sleep } from 'node:timers/promises';
import type { Environment } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

export interface TotalLossOptions {
  /** Trading goes on this long after the fault is called (after the backups): what a restore from them loses. */
  readonly lossWindowMs: number;
  /** Called as the loss window starts, trading on. */
  readonly beforeWindow?: (env: Environment) => Promise<void>;
  /** Called right before the loss, with trading still on: the source's last state, for the integrity check after the restore. */
  readonly beforeLoss?: (env: Environment, signal: AbortSignal) => Promise<void>;
  /** Called once nothing of the system runs any more: what it acknowledged until then was acknowledged before the loss. */
  readonly afterLoss?: (env: Environment) => Promise<void>;
}

/**
 * The disaster a recovery drill starts from: after a loss window of more
 * trading, the system's hosts are lost whole (Environment.loseEverything:
 * every datastore and service process ended with SIGKILL, every data
 * directory removed), the backup store, the network and monitoring left. The
 * restore is the runbook's; revert puts nothing back (the environment's
 * teardown removes whatever a failed restore left).
 */
export function totalLoss({ lossWindowMs, beforeWindow, beforeLoss, afterLoss }: TotalLossOptions): Fault {
  const description = `total loss of the system's hosts (every process and data directory) after ${lossWindowMs} ms more trading`;
  return {
    kind: 'total-loss',
    description,
    async inject(env, signal) {
      if (!env.loseEverything) throw new Error(`Fault "${description}": the ${env.runtime} runtime cannot lose its hosts`);
      const called = performance.now();
      await beforeWindow?.(env);
      await sleep(lossWindowMs, undefined, { signal });
      await beforeLoss?.(env, signal);
      const losing = performance.now();
      const loss = await env.loseEverything();
      const lostAt = performance.now();
      await afterLoss?.(env);
      return {
        description:
          `lost ${loss.processes.length} processes (${loss.processes.join(', ')}) and removed ${loss.removed.join(', ')}, ` +
          `in ${Math.round(lostAt - losing)} ms`,
        // Detection, the outage and the RTO are timed from the loss, not from the start of the loss window; and from
        // its end, as a release counts from its switch: the harness kills, waits for every process to be gone and
        // removes the data, and no probe runs meanwhile. Timed from its start, the 5 s detection missed (6,573 ms)
        // in a clean-clone CI run where the procedure itself took seconds on a loaded machine (358 ms when quiet).
        tookEffectAfterMs: lostAt - called,
        revert: once(async () => {}),
      };
    },
  };
}
