/**
 * A Runtime stands up the reference trading system and hands back an
 * Environment: how to reach each service, the variables a runbook step needs,
 * and a teardown that removes every process and file it created.
 *
 *   runtime.provision(signal, { alertRulesDir, onProgress }) ──> Environment ──> [Symbol.asyncDispose]()
 *
 * Scenarios only see the Environment, never which runtime made it.
 */

import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.ts';
import type { ProxiedLink } from '../proxy-client/proxied-link.ts';
import type { WebhookReceiver } from './webhook-receiver.ts';
import type { MonitoringInfo } from './monitoring.ts';

export type RuntimeName = 'local' | 'docker';
export const runtimeNames: readonly RuntimeName[] = ['local', 'docker'];

export type ServiceName = 'postgres' | 'redis' | 'exchange' | 'order-gateway' | 'market-data' | 'risk' | 'log-sink' | 'log-shipper';
export const serviceNames: readonly ServiceName[] = [
  'postgres',
  'redis',
  'exchange',
  'order-gateway',
  'market-data',
  'risk',
  'log-sink',
  'log-shipper',
];

/** A dependency link of the system, routed through the fault proxy. */
export type LinkName = 'gateway-postgres' | 'gateway-redis' | 'gateway-exchange' | 'shipper-logsink';
export const linkNames: readonly LinkName[] = ['gateway-postgres', 'gateway-redis', 'gateway-exchange', 'shipper-logsink'];

export interface ServiceHandle {
  readonly name: ServiceName;
  readonly port: number;
  /** http://127.0.0.1:PORT for HTTP services; undefined for postgres and redis. */
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
}

export interface ServiceInfo {
  readonly port: number;
  readonly pid: number | undefined;
  readonly version: string;
  /** Container runtimes: the container's name and the image it runs, with its content id (`sha256:…`). */
  readonly container?: string;
  readonly image?: { readonly name: string; readonly id: string };
}

export interface EnvironmentInfo {
  readonly id: string;
  readonly runtime: RuntimeName;
  readonly dir: string;
  readonly services: Record<ServiceName, ServiceInfo>;
  readonly faultProxy: { url: string; version: string; links: Record<LinkName, { listen: string; upstream: string }> };
  /** Prometheus, Alertmanager and the webhook receiver, when the environment runs them. */
  readonly monitoring?: MonitoringInfo;
}

export interface Environment extends AsyncDisposable {
  readonly id: string;
  readonly runtime: RuntimeName;
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
}

/** What a caller decides about an environment; everything else the runtime chooses. */
export interface ProvisionOptions {
  /** A directory of Prometheus rules files (`*.yml`) the environment's Prometheus loads; default fixtures/prometheus. */
  readonly alertRulesDir?: string;
  /** Progress lines (reaped orphans, ready). */
  readonly onProgress?: (message: string) => void;
}

export interface Runtime {
  readonly name: RuntimeName;
  provision(signal: AbortSignal, options?: ProvisionOptions): Promise<Environment>;
  /**
   * Optional: checks what a user must fix before anything can be provisioned
   * (an engine that answers, images that exist) and throws a RuntimeUnavailable
   * that says how, so a run fails once, up front, with that message.
   */
  preflight?(): Promise<void>;
}

/** Thrown by `preflight()`: the runtime cannot start anything; the message says what to do. */
export class RuntimeUnavailable extends Error {
  constructor(runtime: RuntimeName, cause: Error) {
    super(`The ${runtime} runtime is unavailable: ${cause.message}`, { cause });
    this.name = 'RuntimeUnavailable';
  }
}
