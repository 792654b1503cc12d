/**
 * A fault breaks one thing and hands back how to undo it. `revert()` is
 * idempotent: the runner calls it in reverse order of injection, always, even
 * after the runbook's remediation already repaired the damage.
 */
import type { Environment } from '../runtime/runtime.ts';
import type { Uses } from '../scenario/uses.ts';

export interface InjectedFault {
  readonly description: string;
  /**
   * When the fault took effect, in ms after `inject()` was called, when that is not at the call: a release
   * (deploy-release.ts) is live only once the new colour passed its readiness check and nginx switched to it.
   * Detection, alerts and the outage are timed from then.
   */
  readonly tookEffectAfterMs?: number;
  revert(): Promise<void>;
}

export interface Fault {
  readonly kind: string;
  /** What it does, for the evidence: `SIGKILL redis-server`. */
  readonly description: string;
  /** The services and links it breaks or reaches by name, checked against the config before anything starts. */
  readonly uses?: Uses;
  inject(env: Environment, signal: AbortSignal): Promise<InjectedFault>;
}

/** Wraps a revert so that calling it twice does the work once; after a failure, the next call tries again. */
export function once(revert: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () =>
    (done ??= revert().catch((error: unknown) => {
      done = undefined;
      throw error;
    }));
}
