/**
 * A started container of one environment, with the operations process faults
 * need (kill, pause/unpause, stop/start), its image id for evidence, its logs,
 * and removal. Removal is idempotent; the handle is AsyncDisposable.
 *
 *   startContainer(spec) ──> Container ──kill/pause/stop──> start() ──> remove()
 *   createContainer(spec) ──> Container (created, not started) ──> start() ──> …
 */
import { waitUntil } from '../../clock/wait-until.ts';
import { currentRunSinceMs, demultiplex, parseTimestampedLines } from './container-logs.ts';
import type { dockerClient } from './docker-client.ts';
import type { ImageInfo } from './image.ts';
import type { Readiness } from './readiness.ts';
import type { Supervision } from '../runtime.ts';

type DockerContainer = ReturnType<Awaited<ReturnType<typeof dockerClient>>['container']['getById']>;

/** What the engine does when the container's main process exits (`--restart`). */
export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead' | 'removed';

export interface ContainerOptions {
  readonly name: string;
  readonly envId: string;
  readonly role: string;
  readonly image: ImageInfo;
  readonly readiness: Readiness;
  readonly startupTimeoutMs: number;
}

export class Container implements AsyncDisposable {
  readonly id: string;
  readonly name: string;
  readonly envId: string;
  readonly role: string;
  /** The image as configured and its id when this container was created. */
  readonly image: ImageInfo;
  readonly #options: ContainerOptions;
  readonly #docker: DockerContainer;

  constructor(id: string, docker: DockerContainer, options: ContainerOptions) {
    this.id = id;
    this.name = options.name;
    this.envId = options.envId;
    this.role = options.role;
    this.image = options.image;
    this.#options = options;
    this.#docker = docker;
  }

  async status(): Promise<ContainerStatus> {
    const state = await this.#inspectState();
    return state === undefined ? 'removed' : (state.Status as ContainerStatus);
  }

  /** The host pid of the container's main process; undefined unless running or paused. */
  async pid(): Promise<number | undefined> {
    const state = await this.#inspectState();
    return state && state.Pid > 0 ? state.Pid : undefined;
  }

  /** The image id the container runs (`sha256:…`), for evidence. */
  async imageId(): Promise<string> {
    return (await this.#docker.inspect()).Image;
  }

  /** The earliest stamp a log line of the current run can carry (container-logs.ts says why not StartedAt). */
  async currentRunSinceMs(): Promise<number> {
    return currentRunSinceMs((await this.#docker.inspect()).State.FinishedAt);
  }

  /** A process fault: signal the main process (the container exits on SIGKILL). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.#docker.kill({ signal });
  }

  /**
   * A crash: `signal` to the main process by its host pid, so the engine sees the process die and applies the restart
   * policy (`docker kill` marks the container stopped by hand, and no policy restarts it). After SIGKILL, resolves once
   * the engine no longer runs that process; no-op when not running.
   */
  async signalMainProcess(signal: NodeJS.Signals): Promise<void> {
    const pid = await this.pid();
    if (!pid) return;
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return; // gone already
      throw error;
    }
    if (signal !== 'SIGKILL') return;
    const what = `Container ${this.name}: main process ${pid} gone after SIGKILL`;
    await waitUntil(async () => (await this.pid()) !== pid, { what, timeoutMs: 10_000, intervalMs: 20 });
  }

  /** Freezes every process in the container (cgroup freezer); connections stay open. */
  async pause(): Promise<void> {
    if ((await this.status()) === 'running') await this.#docker.pause();
  }

  async unpause(): Promise<void> {
    if ((await this.status()) === 'paused') await this.#docker.unpause();
  }

  /** The image's stop signal, then SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if ((await this.status()) === 'paused') await this.#docker.unpause();
    if ((await this.status()) === 'running') await this.#docker.stop({ t: Math.ceil(timeoutMs / 1000) });
  }

  /** The engine's record: how often its restart policy restarted the container (reset by `docker start`), and its state. */
  async supervision(): Promise<Supervision> {
    const info = await this.#docker.inspect();
    const status = info.State.Status;
    return { restarts: info.RestartCount, status, stopped: status === 'exited' || status === 'dead' || status === 'created' };
  }

  /** Sets what the engine does when the main process exits (`docker update --restart`). */
  async setRestartPolicy(policy: RestartPolicy): Promise<void> {
    await this.#docker.update({ RestartPolicy: { Name: policy } });
  }

  /**
   * Starts a stopped or killed container again and waits until it is ready; idempotent. One its restart policy
   * is waiting to restart (the engine's backoff doubles up to a minute) is stopped, then started at once.
   */
  async start(signal?: AbortSignal): Promise<void> {
    let status = await this.status();
    if (status === 'removed') throw new Error(`Container ${this.name} (${this.image.name}) no longer exists: there is nothing to start`);
    if (status === 'restarting') {
      await this.#docker.stop({ t: 1 });
      status = await this.status();
    }
    if (status === 'paused') await this.#docker.unpause();
    else if (status !== 'running') await this.#docker.start();
    await this.waitUntilReady(signal);
  }

  /** Polls the readiness until it holds; fails at once, with the last log lines, if the container exits. */
  async waitUntilReady(signal?: AbortSignal): Promise<void> {
    const exited = new AbortController();
    const signals = signal ? AbortSignal.any([signal, exited.signal]) : exited.signal;
    const { readiness, startupTimeoutMs } = this.#options;
    const ready = waitUntil(
      async () => {
        const state = await this.#inspectState();
        if (state?.Status !== 'running') {
          exited.abort(
            new Error(
              `Container ${this.name} (${this.image.name}) is ${state?.Status ?? 'removed'} (exit code ${state?.ExitCode ?? '?'}) while waiting for ${readiness.what}; ${await this.exitReport()}`,
            ),
          );
          return false;
        }
        return readiness.isReady(this);
      },
      {
        what: `Container ${this.name} (${this.image.name}) ready: ${readiness.what}`,
        timeoutMs: startupTimeoutMs,
        intervalMs: 50,
        signal: signals,
      },
    );
    // The sleep between polls rejects with a plain AbortError: report why it was aborted. A timeout says what the
    // container last logged (where it stopped, or that it logged nothing at all).
    await ready.catch(async (error: unknown) => {
      if (exited.signal.aborted) throw exited.signal.reason;
      if (signal?.aborted || !(error instanceof Error)) throw error;
      const tail = await this.tail(10);
      throw new Error(`${error.message}; ${tail === '' ? 'it logged nothing' : `its last log lines:\n${tail}`}`, { cause: error });
    });
  }

  /** Log lines (stdout and stderr, in order), optionally only those since `sinceMs` (epoch ms). */
  async logLines(options: { sinceMs?: number } = {}): Promise<string[]> {
    const since = options.sinceMs === undefined ? 0 : Math.floor(options.sinceMs / 1000);
    const buffer = await this.#docker.logs({ stdout: true, stderr: true, timestamps: true, follow: false, since });
    const lines = parseTimestampedLines(demultiplex(buffer));
    return lines.filter((line) => options.sinceMs === undefined || line.atMs >= options.sinceMs).map((line) => line.text);
  }

  /** Why it exited, from its log: the error lines when it logged some (a bad rules file names itself there), else the last lines. */
  async exitReport(): Promise<string> {
    const lines = await this.logLines().catch(() => [] as string[]);
    const errors = lines.filter((line) => /\blevel=(error|fatal)\b|\b(ERROR|FATAL|PANIC):/.test(line));
    return errors.length > 0 ? `errors in its log:\n${errors.slice(-10).join('\n')}` : `last log lines:\n${lines.slice(-20).join('\n')}`;
  }

  async tail(lines: number): Promise<string> {
    return (await this.logLines().catch(() => [] as string[])).slice(-lines).join('\n');
  }

  /** Removes the container whatever its state; idempotent. */
  async remove(): Promise<void> {
    await this.#docker.remove({ force: true, v: true }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404 && error.statusCode !== 409) throw error; // gone, or already being removed
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.remove();
  }

  async #inspectState() {
    try {
      return (await this.#docker.inspect()).State;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }
}
