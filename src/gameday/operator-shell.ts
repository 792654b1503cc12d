/**
 * The operator's shell: an interactive bash on this terminal (stdio
 * inherited), started in the sandbox with the game day's rc file and the
 * variables a runbook step gets. Bash takes the terminal's foreground for
 * itself and its jobs, so a Ctrl-C reaches what the operator runs, not the
 * harness. `end()` hangs it up as a closed terminal would: bash passes SIGHUP
 * to its jobs, readline restores the terminal, and bash hands the foreground
 * back; whatever is left after `graceMs` gets SIGKILL. Idempotent.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OperatorShell {
  /** Resolves with the exit code (null when a signal ended it) once bash has exited. */
  readonly exited: Promise<number | null>;
  /** Wall-clock ms bash exited at; undefined while it runs. */
  exitedAtMs(): number | undefined;
  end(): Promise<void>;
}

export interface OperatorShellOptions {
  readonly rcFile: string;
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly graceMs?: number;
}

export function openOperatorShell(options: OperatorShellOptions): OperatorShell {
  const child = spawn('bash', ['--rcfile', options.rcFile, '-i'], { cwd: options.cwd, env: options.env, stdio: 'inherit' });
  let exitedAtMs: number | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  }).finally(() => {
    exitedAtMs = Date.now();
  });
  return {
    exited,
    exitedAtMs: () => exitedAtMs,
    end: () => hangUp(child, exited, () => exitedAtMs !== undefined, options.graceMs ?? 2_000),
  };
}

async function hangUp(child: ChildProcess, exited: Promise<unknown>, done: () => boolean, graceMs: number): Promise<void> {
  if (done()) return;
  child.kill('SIGHUP');
  await Promise.race([exited, sleep(graceMs)]);
  if (done()) return;
  child.kill('SIGKILL');
  await exited;
}
