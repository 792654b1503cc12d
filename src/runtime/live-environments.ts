/**
 * Environments alive in this process, so that SIGINT/SIGTERM tears them all
 * down before exiting. Disposal is idempotent, so the runner's own `finally`
 * and the signal handler may race safely.
 */
import type { Environment } from './runtime.ts';

const live = new Set<Environment>();

export function track(env: Environment): void {
  live.add(env);
}

export function untrack(env: Environment): void {
  live.delete(env);
}

export async function disposeAll(): Promise<void> {
  await Promise.allSettled([...live].map((env) => env[Symbol.asyncDispose]()));
}

/** The abort reason when a signal stops the run; carries the process exit code (128+signo). */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(signal: NodeJS.Signals, exitCode: number) {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
    this.exitCode = exitCode;
  }
}

let installed = false;

/**
 * First SIGINT/SIGTERM: abort `controller` so the run reverts its faults and
 * writes its evidence, and force teardown if that takes over `graceMs`.
 * A second signal tears down at once. Either way, exit with 128+signo.
 */
export function installSignalTeardown(controller: AbortController, log: (message: string) => void, graceMs = 30_000): void {
  if (installed) return;
  installed = true;
  let forced = false;
  const force = (code: number) => {
    if (forced) return;
    forced = true;
    void disposeAll().finally(() => process.exit(code));
  };
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    if (controller.signal.aborted) return force(code);
    log(`\n${signal}: reverting faults, writing evidence and tearing down (again to force)…`);
    controller.abort(new Interrupted(signal, code));
    setTimeout(() => force(code), graceMs).unref();
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));
}
