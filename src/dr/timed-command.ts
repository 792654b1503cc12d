/**
 * A command run as a runbook step runs it (the environment's variables only,
 * in its sandbox, stdin /dev/null), timed from spawn to exit. A non-zero exit
 * throws, naming the command and giving its stderr: a drill never times a
 * failed backup.
 *
 * Stdin is /dev/null and not Node's default, a socket: `bash -c` with a socket
 * on stdin takes itself for a shell run by sshd and sources ~/.bashrc (Debian's
 * bash does), whatever that holds — here, pyenv's init: 0.3-1 s added to every
 * traced script and shims put first on its PATH.
 */
import { execa } from 'execa';

export interface TimedCommand {
  readonly durationMs: number;
  readonly stdout: string;
}

export type CommandRunner = (file: string, args: readonly string[], overrides?: Record<string, string>) => Promise<TimedCommand>;

/**
 * Runs commands with `variables` (and per-call overrides) as their whole environment, cwd the sandbox. Once `signal`
 * aborts, the command running is ended (SIGTERM) and the call rejects: an interrupted drill does not wait out a
 * restore of minutes.
 */
export function commandRunner(variables: Record<string, string>, signal?: AbortSignal, timeoutMs = 3 * 3_600_000): CommandRunner {
  return async (file, args, overrides = {}) => {
    const started = performance.now();
    const result = await execa(file, args, {
      env: { ...variables, ...overrides },
      extendEnv: false,
      cwd: variables.FIREDRILL_SANDBOX,
      stdin: 'ignore',
      reject: false,
      timeout: timeoutMs,
      ...(signal ? { cancelSignal: signal } : {}),
    });
    const durationMs = performance.now() - started;
    signal?.throwIfAborted();
    if (result.exitCode !== 0) {
      throw new Error(
        `${[file, ...args].join(' ')} failed (exit ${result.exitCode ?? result.signal}): ${result.stderr.trim() || result.stdout.trim()}`,
      );
    }
    return { durationMs, stdout: result.stdout };
  };
}

/** Overrides that connect libpq as the environment's superuser (a replication role, who may create databases). */
export function asPostgresAdmin(variables: Record<string, string>): Record<string, string> {
  if (!variables.PGADMIN_USER)
    throw new Error("The environment's variables have no PGADMIN_USER: cannot connect as the Postgres superuser");
  return { PGUSER: variables.PGADMIN_USER, PGPASSWORD: variables.PGADMIN_PASSWORD ?? '' };
}
