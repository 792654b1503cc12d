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
 * sandbox; errors are collected, none hides another. A service provisioned blue/green is its colours' containers
 * behind an nginx container (start-blue-green.ts); its handle acts on the live colour's (live-colour-handle.ts).
 */
import type { FaultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { removeSandbox, type Sandbox } from '../../host/sandbox.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import { type Addresses, serviceUrl } from '../../topology/service-env.ts';
import { colourName } from '../../topology/blue-green.ts';
import { isDatastore, serviceNamed, type Topology } from '../../topology/topology.ts';
import { untrack } from '../live-environments.ts';
import { describeFaultProxy } from '../links.ts';
import { lookups } from '../lookups.ts';
import type { Environment, EnvironmentInfo, ServiceHandle, ServiceInfo, ServiceName } from '../runtime.ts';
import { containerVariable } from '../step-variable-names.ts';
import { commonStepVariables } from '../step-variables.ts';
import { blueGreenContainers, blueGreenLookup, blueGreenVariables, type DescribedContainer } from './blue-green-environment.ts';
import type { Container } from './container.ts';
import { imageVersion } from './image-versions.ts';
import { liveColourHandle } from './live-colour-handle.ts';
import { forgetAtExit, removeEnvContainers } from './reaper.ts';
import { loseSystem } from './lose-everything.ts';
import { provisionCleanSystem } from './provision-clean.ts';
import { pgAdminUser } from './service-containers.ts';
import { containerName } from './start-container.ts';
import type { BlueGreenFront } from './start-blue-green.ts';

export interface DockerParts {
  topology: Topology;
  sandbox: Sandbox;
  addresses: Addresses;
  /**
   * One per datastore and service, by name; a blue/green service's colours are in `blueGreen` instead. provisionClean()
   * replaces them with the clean hosts' containers: handles look them up at each call.
   */
  containers: Map<ServiceName, Container>;
  /** nginx and the colours of the services provisioned blue/green, if any. */
  blueGreen?: BlueGreenFront;
  /** The postgres superuser's password (never given to services or steps, but a secret all the same). */
  pgAdminPassword: string;
  faultProxy: FaultProxyClient;
  monitoring: Monitoring;
}

export function createDockerEnvironment(parts: DockerParts): Environment {
  const byName = lookups(parts.topology, (name) => serviceHandle(parts, name), parts.faultProxy);
  const blueGreen = blueGreenLookup(parts.blueGreen);
  let disposed: Promise<void> | undefined;
  return {
    id: parts.sandbox.id,
    runtime: 'docker',
    ...byName,
    variables: () => ({ ...variables(parts), ...blueGreenVariables(parts.topology, parts.sandbox.id, parts.blueGreen) }),
    secrets: () => (parts.addresses.postgres ? [parts.addresses.postgres.password, parts.pgAdminPassword] : []),
    describe: () => describe(parts),
    webhookReceiver: () => parts.monitoring.receiver,
    blueGreen,
    loseEverything: () => loseSystem(parts.sandbox.id, parts.topology, parts.sandbox.dir),
    provisionClean: (signal) => provisionCleanSystem(parts, signal),
    [Symbol.asyncDispose]() {
      disposed ??= Promise.all([parts.monitoring.stop(), teardownDocker(parts.sandbox)])
        .then(() => undefined)
        .finally(() => untrack(this));
      return disposed;
    },
  };
}

function serviceHandle(parts: DockerParts, name: ServiceName): ServiceHandle {
  const port = parts.addresses.ports[name]!;
  const url = isDatastore(parts.topology, name) ? undefined : serviceUrl(parts.addresses.ports, name);
  const colours = parts.blueGreen?.services.get(name);
  if (colours) return liveColourHandle(name, port, url!, colours, (container) => containerHandle(name, port, url, () => container));
  return containerHandle(name, port, url, () => parts.containers.get(name)!);
}

/** Process operations on one container: the one `current()` gives at the call (provisionClean() replaces it). */
function containerHandle(name: ServiceName, port: number, url: string | undefined, current: () => Container): ServiceHandle {
  return {
    name,
    port,
    url,
    pid: () => current().pid(),
    // As a crash: the engine applies the restart policy, which it would not after `docker kill`.
    kill: (signal) => current().signalMainProcess(signal),
    ensureRunning: () => current().start(),
    async pause() {
      const container = current();
      const pid = await container.pid();
      if (!pid) throw new Error(`${name} (container ${container.name}) is not running: there is nothing to pause`);
      await container.pause();
      return pid;
    },
    async resume(frozen) {
      const container = current();
      if ((await container.pid()) === frozen) await container.unpause();
    },
    supervision: () => current().supervision(),
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
    SERVICE_CONTAINERS: serviceContainerNames(parts).join(' '),
  };
}

/** The services' containers in the config's order (the order the runbook's DR step starts them); blue's for a blue/green one. */
function serviceContainerNames({ topology, sandbox, blueGreen }: DockerParts): string[] {
  return topology.services.map(({ name }) => containerName(sandbox.id, blueGreen?.services.has(name) ? colourName(name, 'blue') : name));
}

/** What to ask for a version inside the container: the datastore's server, or the program the service's local start runs (node, python3). */
function versionCommand(topology: Topology, name: ServiceName): string[] | undefined {
  if (name === 'postgres') return ['postgres', '--version'];
  if (name === 'redis') return ['redis-server', '--version'];
  const command = serviceNamed(topology, name).local?.command;
  return command ? [command, '--version'] : undefined;
}

async function describe(parts: DockerParts): Promise<EnvironmentInfo> {
  const command = (name: ServiceName) => versionCommand(parts.topology, name);
  const described: DescribedContainer[] = [
    ...[...parts.containers].map(([name, container]) => ({
      name,
      port: parts.addresses.ports[name]!,
      container,
      versionCommand: command(name),
    })),
    ...(await blueGreenContainers(parts.blueGreen, parts.addresses.ports, command)),
  ];
  const entries = await Promise.all(described.map(async (entry) => [entry.name, await describeContainer(entry)] as const));
  return {
    id: parts.sandbox.id,
    runtime: 'docker',
    dir: parts.sandbox.dir,
    services: Object.fromEntries(entries),
    faultProxy: await describeFaultProxy(parts.faultProxy, parts.topology),
    monitoring: await parts.monitoring.describe(),
  };
}

/** A colour not deployed yet has no container: no pid, no version. */
async function describeContainer({ port, container, versionCommand: command }: DescribedContainer): Promise<ServiceInfo> {
  if (!container) return { port, pid: undefined, version: 'not deployed' };
  const [pid, version] = await Promise.all([container.pid(), command ? imageVersion(container, command) : container.image.name]);
  return { port, pid, version, container: container.name, image: { name: container.image.name, id: container.image.id } };
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
