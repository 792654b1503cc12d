/**
 * An environment of the docker runtime: one container per service, the fault
 * proxy as a tagged host process in the sandbox dir (host networking: the same
 * loopback ports work), and the sandbox itself (owner marker, the proxy's log,
 * the runbook steps' working dir).
 *
 * Process faults act on the container: kill → `docker kill -s SIG` (the main
 * process; SIGKILL ends the container), pause → `docker pause` (every process
 * frozen, the container still counted running), resume → unpause while it is
 * the same container process, ensureRunning → start (or unpause) and wait until ready. Teardown removes the containers by label, then the
 * sandbox; errors are collected, none hides another.
 */
import type { FaultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { untrack } from '../live-environments.ts';
import { describeFaultProxy } from '../links.ts';
import { lookups } from '../lookups.ts';
import { commonStepVariables } from '../step-variables.ts';
import type { AtsConnection, AtsPorts } from '../local/ats-services.ts';
import { removeSandbox, type Sandbox } from '../local/sandbox.ts';
import type { Environment, EnvironmentInfo, ServiceHandle, ServiceInfo, ServiceName } from '../runtime.ts';
import { serviceNames } from '../runtime.ts';
import type { Container } from './container.ts';
import { pgAdminUser } from './ats-containers.ts';
import { imageVersion } from './image-versions.ts';
import { forgetAtExit, removeEnvContainers } from './reaper.ts';
import type { Monitoring } from '../monitoring.ts';

export interface DockerParts {
  sandbox: Sandbox;
  ports: AtsPorts;
  containers: Record<ServiceName, Container>;
  connection: AtsConnection;
  /** The postgres superuser's password (never given to services or steps, but a secret all the same). */
  pgAdminPassword: string;
  faultProxy: FaultProxyClient;
  monitoring: Monitoring;
}

export function createDockerEnvironment(parts: DockerParts): Environment {
  const byName = lookups((name) => serviceHandle(parts, name), parts.faultProxy);
  let disposed: Promise<void> | undefined;
  return {
    id: parts.sandbox.id,
    runtime: 'docker',
    ...byName,
    variables: () => variables(parts),
    secrets: () => [parts.connection.pgPassword, parts.pgAdminPassword],
    describe: () => describe(parts),
    webhookReceiver: () => parts.monitoring.receiver,
    [Symbol.asyncDispose]() {
      disposed ??= Promise.all([parts.monitoring.stop(), teardownDocker(parts.sandbox)])
        .then(() => undefined)
        .finally(() => untrack(this));
      return disposed;
    },
  };
}

function serviceHandle(parts: DockerParts, name: ServiceName): ServiceHandle {
  const container = parts.containers[name];
  const port = parts.ports[name];
  return {
    name,
    port,
    url: name === 'postgres' || name === 'redis' ? undefined : `http://127.0.0.1:${port}`,
    pid: () => container.pid(),
    async kill(signal) {
      if (await container.pid()) await container.kill(signal);
    },
    ensureRunning: () => container.start(),
    async pause() {
      const current = await container.pid();
      if (!current) throw new Error(`${name} (container ${container.name}) is not running: there is nothing to pause`);
      await container.pause();
      return current;
    },
    async resume(frozen) {
      if ((await container.pid()) === frozen) await container.unpause();
    },
  };
}

const containerVariable: Record<ServiceName, string> = {
  postgres: 'POSTGRES_CONTAINER',
  redis: 'REDIS_CONTAINER',
  exchange: 'EXCHANGE_CONTAINER',
  'order-gateway': 'GATEWAY_CONTAINER',
  'market-data': 'MARKET_DATA_CONTAINER',
  risk: 'RISK_CONTAINER',
  'log-sink': 'LOG_SINK_CONTAINER',
  'log-shipper': 'LOG_SHIPPER_CONTAINER',
};

function variables(parts: DockerParts): Record<string, string> {
  return {
    ...commonStepVariables({
      ...parts,
      faultProxyUrl: parts.faultProxy.url,
      pgAdmin: { user: pgAdminUser, password: parts.pgAdminPassword },
    }),
    // Steps run with only these variables: the docker CLI must find the same engine as the harness.
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...Object.fromEntries(serviceNames.map((name) => [containerVariable[name], parts.containers[name].name])),
  };
}

const versionCommand = (name: ServiceName) =>
  name === 'postgres' ? ['postgres', '--version'] : name === 'redis' ? ['redis-server', '--version'] : ['node', '--version'];

async function describe(parts: DockerParts): Promise<EnvironmentInfo> {
  const entries = await Promise.all(
    serviceNames.map(async (name) => {
      const container = parts.containers[name];
      const [pid, version] = await Promise.all([container.pid(), imageVersion(container, versionCommand(name))]);
      const info: ServiceInfo = {
        port: parts.ports[name],
        pid,
        version,
        container: container.name,
        image: { name: container.image.name, id: container.image.id },
      };
      return [name, info] as const;
    }),
  );
  return {
    id: parts.sandbox.id,
    runtime: 'docker',
    dir: parts.sandbox.dir,
    services: Object.fromEntries(entries) as EnvironmentInfo['services'],
    faultProxy: await describeFaultProxy(parts.faultProxy),
    monitoring: await parts.monitoring.describe(),
  };
}

/** Containers by label (whatever state they are in), then the sandbox (the fault proxy process, the dir). */
export async function teardownDocker(sandbox: Sandbox): Promise<void> {
  const results = await Promise.allSettled([removeEnvContainers(sandbox.id), removeSandbox(sandbox)]);
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (results[0].status === 'fulfilled') forgetAtExit(sandbox.id);
  if (errors.length > 0)
    throw new AggregateError(
      errors,
      `Teardown of docker environment ${sandbox.id} failed: ${errors.map((e) => (e as Error).message).join('; ')}`,
    );
}
