/**
 * What to run in one container. Host networking always: the service listens
 * on a loopback port firedrill allocated (pass it through `env` or `args`).
 */
import type { RestartPolicy } from './container.ts';
import type { Readiness } from './readiness.ts';

export interface BindMount {
  readonly source: string;
  readonly target: string;
  readonly mode: 'ro' | 'rw';
}

export interface ContainerSpec {
  /** The environment it belongs to (label firedrill.env). */
  readonly envId: string;
  /** What it runs (label firedrill.role; container name firedrill-<envId>-<role>). */
  readonly role: string;
  /** An image already in the engine: firedrill never pulls. */
  readonly image: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Arguments after the image's entrypoint (the image's CMD otherwise). */
  readonly args?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly binds?: readonly BindMount[];
  /**
   * Anonymous volumes at these paths in the container, filled from the image's files there when it is created
   * (for Postgres's 28 MB cluster, 1-2 s more here); removed with the container (`docker rm -v`).
   */
  readonly volumes?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly readiness: Readiness;
  /** Set once the container is ready, so a container that cannot start fails at once instead of restarting; default none ('no'). */
  readonly restartPolicy?: RestartPolicy;
  /** From container start to ready; default 30 000. */
  readonly startupTimeoutMs?: number;
}
