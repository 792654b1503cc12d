/**
 * A Runtime stands up the system a config declares (the reference trading
 * system by default) and hands back an Environment: how to reach each
 * service, the variables a runbook step needs, and a teardown that removes
 * every process and file it created.
 *
 *   runtime.provision(signal, { topology, alertRulesDir, onProgress }) ──> Environment ──> [Symbol.asyncDispose]()
 *
 * Scenarios only see the Environment, never which runtime made it.
 */

import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.ts';
import type { ProxiedLink } from '../proxy-client/proxied-link.ts';
import type { WebhookReceiver } from '../monitoring/webhook-receiver.ts';
import type { MonitoringInfo } from '../monitoring/monitoring.ts';
import type { Topology } from '../topology/topology.ts';

export type RuntimeName = 'local' | 'docker';
export const runtimeNames: readonly RuntimeName[] = ['local', 'docker'];

/** A component of the system (a datastore or a service) as its config names it: `redis`, `order-gateway`. */
export type ServiceName = string;

/** A dependency link of the system, routed through the fault proxy, as its config names it: `gateway-redis`. */
export type LinkName = string;

export interface ServiceHandle {
  readonly name: ServiceName;
  readonly port: number;
  /** http://127.0.0.1:PORT for services; undefined for the datastores. */
  readonly url: string | undefined;
  /** The main process id, or undefined when the service is not running. */
  pid(): Promise<number | undefined>;
  /** Sends a signal to the main process (a process fault); no-op when not running. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the service again if it is down (used by fault reverts); idempotent. */
  ensureRunning(): Promise<void>;
  /**
   * Freezes the service (a hang: its process keeps its pid, its open sockets
   * and its supervisor's trust, and runs nothing): SIGSTOP to the main process
   * locally, `docker pause` on docker. Returns the pid frozen; throws, naming
   * the service, when it is not running.
   */
  pause(): Promise<number>;
  /** Thaws what pause() froze while `pid` is still the service's main process; a service restarted since is left alone. Idempotent. */
  resume(pid: number): Promise<void>;
  /**
   * What the service's supervisor records of it: PM2 locally (`pm2 jlist`), the engine on docker (`docker inspect`).
   * Throws, naming the service, for one that runs unsupervised (a local datastore).
   */
  supervision(): Promise<Supervision>;
}

/** A supervised service as its supervisor sees it. */
export interface Supervision {
  /** Restarts the supervisor made (PM2's restart_time, the engine's RestartCount; the engine's resets on `docker start`). */
  readonly restarts: number;
  /** In the supervisor's words: PM2's status (online, launching, waiting restart, errored, stopped), the engine's (running, restarting, exited). */
  readonly status: string;
  /** Held down: stopped (`pm2 stop`, `docker stop`), so the supervisor will not start it by itself. A crash-looping service is not. */
  readonly stopped: boolean;
}

export interface ServiceInfo {
  readonly port: number;
  readonly pid: number | undefined;
  readonly version: string;
  /** Container runtimes: the container's name and the image it runs, with its content id (`sha256:…`). */
  readonly container?: string;
  readonly image?: { readonly name: string; readonly id: string };
}

export type Colour = 'blue' | 'green';
export const colours: readonly Colour[] = ['blue', 'green'];

/**
 * A service run blue/green behind nginx (ProvisionOptions.blueGreen): two colours, each its own process on its own
 * port, and nginx on the service's port sending every request to the live one (live.conf, a symlink to the colour's
 * upstream file). Blue runs the current build from the start; green is idle until deployed.
 *
 *   client ──> nginx :PORT ──live.conf──> blue :B  |  green :G        (X-Colour: blue|green on every answer)
 */
export interface BlueGreenHandle {
  readonly service: ServiceName;
  /** The colour live.conf points at now (readlink), as nginx serves it after its last reload. */
  live(): Promise<Colour>;
  /** http://127.0.0.1:PORT of that colour directly (not through nginx). */
  colourUrl(colour: Colour): string;
  /**
   * (Re)starts `colour` (default: the idle one) with a named build of the config's blueGreen.builds, or the current
   * build when absent; resolves once its process started. Throws naming the known builds for an unknown one.
   */
  deploy(options: { build?: string; colour?: Colour }, signal: AbortSignal): Promise<Colour>;
  /** Waits until `colour`'s readiness path answers 200 directly; throws naming the colour and its log after timeoutMs. */
  waitReady(colour: Colour, timeoutMs: number, signal: AbortSignal): Promise<void>;
  /** The harness's own switch (what a release does): live.conf → colour, nginx -t, reload. Resolves when nginx has reloaded. */
  switchTo(colour: Colour): Promise<void>;
  /** Stops one colour (the idle one after a rollback); idempotent. */
  stop(colour: Colour): Promise<void>;
}

export interface EnvironmentInfo {
  readonly id: string;
  readonly runtime: RuntimeName;
  readonly dir: string;
  readonly services: Readonly<Record<ServiceName, ServiceInfo>>;
  readonly faultProxy: { url: string; version: string; links: Readonly<Record<LinkName, { listen: string; upstream: string }>> };
  /** Prometheus, Alertmanager and the webhook receiver, when the environment runs them. */
  readonly monitoring?: MonitoringInfo;
}

export interface Environment extends AsyncDisposable {
  readonly id: string;
  readonly runtime: RuntimeName;
  /** The system it runs: its components and links by name. */
  readonly topology: Topology;
  /** Throws naming the known services when `name` is unknown. */
  service(name: ServiceName): ServiceHandle;
  /** Throws naming the known links when `name` is unknown. */
  link(name: LinkName): ProxiedLink;
  /** The fault proxy every link passes through (Toxiproxy's API). */
  faultProxy(): FaultProxyClient;
  /** PGHOST, PGPORT, REDIS_PORT, ATS_URL, … for runbook steps. Contains secrets: redact before recording. */
  variables(): Record<string, string>;
  /** Values that must never appear in evidence (passwords). */
  secrets(): readonly string[];
  describe(): Promise<EnvironmentInfo>;
  /** Optional: the webhook receiver recording what Alertmanager would page (PagerDuty) or post (Slack). */
  webhookReceiver?(): WebhookReceiver;
  /**
   * Present on runtimes that can run blue/green. Throws naming the blue/green services of this environment when
   * `name` is not one of them (none unless provisioned with ProvisionOptions.blueGreen). In a blue/green environment
   * `service(name)` is nginx's URL, and its pid, kill, pause, resume and ensureRunning act on the colour live at the call.
   */
  blueGreen?(name: ServiceName): BlueGreenHandle;
  /**
   * Optional (runtimes that can run a disaster-recovery drill): total loss of the system's hosts. Every datastore and
   * service process (nginx too) is ended with SIGKILL and every data directory removed: the database cluster, Redis's
   * dir, the services' dirs and logs. What lives off those hosts survives: the backup store (step variables BACKUP_DIR
   * and WAL_ARCHIVE_DIR, the WAL archive inside it), the fault proxy (the network) and monitoring (Prometheus,
   * Alertmanager, the webhook receiver). Resolves once nothing of the system runs, saying what it ended and removed.
   */
  loseEverything?(): Promise<Loss>;
  /**
   * Optional, after loseEverything(): clean hosts for the restore, from the same config, on the same ports, names
   * and credentials. The datastores run, empty, set up as provision sets them up (roles, database, migrations); the
   * services do not run: the runbook's DR steps restore the data, then start them (local: `pm2 start
   * "$FIREDRILL_SANDBOX/ecosystem.json"`; docker: `docker start` of each container in $SERVICE_CONTAINERS).
   */
  provisionClean?(signal: AbortSignal): Promise<void>;
}

/** What Environment.loseEverything() took down. */
export interface Loss {
  /** The processes ended: `postgres 4242`, `order-gateway 4300` (a container's main process on docker). */
  readonly processes: readonly string[];
  /** The data directories (or containers with their volumes) removed. */
  readonly removed: readonly string[];
}

/** What a caller decides about an environment; everything else the runtime chooses. */
export interface ProvisionOptions {
  /** The system to stand up, from its config (topologyOf); default the reference ATS's. */
  readonly topology?: Topology;
  /** A directory of Prometheus rules files (`*.yml`) the environment's Prometheus loads; default the config's rulesDir. */
  readonly alertRulesDir?: string;
  /** Progress lines (reaped orphans, ready). */
  readonly onProgress?: (message: string) => void;
  /**
   * Services to run blue/green behind nginx (the scenario's `blueGreen`); each must be marked `blueGreen` in the
   * config. Default none: every service runs as one process, no nginx.
   */
  readonly blueGreen?: readonly ServiceName[];
}

export interface Runtime {
  readonly name: RuntimeName;
  provision(signal: AbortSignal, options?: ProvisionOptions): Promise<Environment>;
  /**
   * Optional: checks what a user must fix before anything can be provisioned
   * (an engine that answers, images that exist) and throws a RuntimeUnavailable
   * that says how, so a run fails once, up front, with that message.
   * `topology`: the system to check for (its images); default the reference ATS.
   */
  preflight?(topology?: Topology): Promise<void>;
}

/** Thrown by `preflight()`: the runtime cannot start anything; the message says what to do. */
export class RuntimeUnavailable extends Error {
  constructor(runtime: RuntimeName, cause: Error) {
    super(`The ${runtime} runtime is unavailable: ${cause.message}`, { cause });
    this.name = 'RuntimeUnavailable';
  }
}
