/**
 * An environment of the docker runtime: one container per service, the fault
 * proxy as a tagged host process in the sandbox dir (host networking: the same
 * loopback ports work), and the sandbox itself (owner marker, the proxy's log,
 * the runbook steps' working dir).
 *
 * Process faults act on the container: kill → the signal to the main process's
 * host pid (a crash: the services' restart policy restarts them, a datastore
 * stays down), pause → `docker pause` (every process
 * frozen, the container still counted running), resume → unpause while it is
 * the same container process, ensureRunning → start (or unpause) and wait until ready. Teardown removes the containers by label, then the
 * sandbox; errors are collected, none hides another.
 */
import type { FaultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { removeSandbox, type Sandbox } from '../../host/sandbox.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import { type Addresses, serviceUrl } from '../../topology/service-env.ts';
import { isDatastore, serviceNamed, type Topology } from '../../topology/topology.ts';
import { untrack } from '../live-environments.ts';
import { describeFaultProxy } from '../links.ts';
import { lookups } from '../lookups.ts';
import type { Environment, EnvironmentInfo, ServiceHandle, ServiceInfo, ServiceName } from '../runtime.ts';
import { containerVariable } from '../step-variable-names.ts';
import { commonStepVariables } from '../step-variables.ts';
import type { Container } from './container.ts';
import { imageVersion } from './image-versions.ts';
import { forgetAtExit, removeEnvContainers } from './reaper.ts';
import { pgAdminUser } from './service-containers.ts';

export interface DockerParts {
  topology: Topology;
  sandbox: Sandbox;
  addresses: Addresses;
  /** One per datastore and service, by name. */
  containers: ReadonlyMap<ServiceName, Container>;
  /** The postgres superuser's password (never given to services or steps, but a secret all the same). */
  pgAdminPassword: string;
  faultProxy: FaultProxyClient;
  monitoring: Monitoring;
}

export function createDockerEnvironment(parts: DockerParts): Environment {
  const byName = lookups(parts.topology, (name) => serviceHandle(parts, name), parts.faultProxy);
  let disposed: Promise<void> | undefined;
  return {
    id: parts.sandbox.id,
    runtime: 'docker',
    ...byName,
    variables: () => variables(parts),
    secrets: () => (parts.addresses.postgres ? [parts.addresses.postgres.password, parts.pgAdminPassword] : []),
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
  const container = parts.containers.get(name)!;
  return {
    name,
    port: parts.addresses.ports[name]!,
    url: isDatastore(parts.topology, name) ? undefined : serviceUrl(parts.addresses.ports, name),
    pid: () => container.pid(),
    // As a crash: the engine applies the restart policy, which it would not after `docker kill`.
    kill: (signal) => container.signalMainProcess(signal),
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
    supervision: () => container.supervision(),
  };
}

function variables(parts: DockerParts): Record<string, string> {
  return {
    ...commonStepVariables({
      ...parts,
      faultProxyUrl: parts.faultProxy.url,
      ...(parts.addresses.postgres ? { pgAdmin: { user: pgAdminUser, password: parts.pgAdminPassword } } : {}),
    }),
    // Steps run with only these variables: the docker CLI must find the same engine as the harness.
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...Object.fromEntries([...parts.containers].map(([name, container]) => [containerVariable(parts.topology, name), container.name])),
  };
}

/** What to ask for a version inside the container: the datastore's server, or the program the service's local start runs (node, python3). */
function versionCommand(topology: Topology, name: ServiceName): string[] | undefined {
  if (name === 'postgres') return ['postgres', '--version'];
  if (name === 'redis') return ['redis-server', '--version'];
  const command = serviceNamed(topology, name).local?.command;
  return command ? [command, '--version'] : undefined;
}

async function describe(parts: DockerParts): Promise<EnvironmentInfo> {
  const entries = await Promise.all(
    [...parts.containers].map(async ([name, container]) => {
      const command = versionCommand(parts.topology, name);
      const [pid, version] = await Promise.all([container.pid(), command ? imageVersion(container, command) : container.image.name]);
      const info: ServiceInfo = {
        port: parts.addresses.ports[name]!,
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
    services: Object.fromEntries(entries),
    faultProxy: await describeFaultProxy(parts.faultProxy, parts.topology),
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
