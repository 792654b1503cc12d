/**
 * The container runtime: the system a config declares (the reference trading
 * system by default) as containers with host networking on loopback ports,
 * from the images the config names — firedrill's local ones (`npm run images`)
 * for the reference — already in the engine: firedrill never pulls.
 *
 *   engine + images ∥ reap orphans → sandbox → ports
 *     → backup store → postgres (archiving its WAL there) ∥ redis ∥ fault proxy (host process) ∥ monitoring ∥ service dirs → app role → migrations ∥ links
 *     → every service (each ready; a blue/green one's blue colour) → nginx in front of the blues → Environment
 *   (monitoring: webhook receiver → Prometheus ∥ Alertmanager containers, see docker-monitoring.ts;
 *    blue/green: start-blue-green.ts)
 */
import { randomBytes } from 'node:crypto';
import { startFaultProxy } from '../../host/fault-proxy-process.ts';
import { nodeCompileCache } from '../../host/node-compile-cache.ts';
import { freePort } from '../../host/ports.ts';
import { createSandbox, reapOrphans, type Sandbox } from '../../host/sandbox.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import { faultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { allocateColourPorts, type ColourPorts, requireBlueGreen } from '../../topology/blue-green.ts';
import { createServiceDirs } from '../../topology/service-dirs.ts';
import { type Addresses, appRole } from '../../topology/service-env.ts';
import { allocatePorts, type Ports, referenceTopology, type Topology } from '../../topology/topology.ts';
import { walArchiveDirIn } from '../backup-store.ts';
import { populateLinks } from '../links.ts';
import { track } from '../live-environments.ts';
import { type Environment, type Runtime, RuntimeUnavailable, type ServiceName } from '../runtime.ts';
import { allStarted } from './all-started.ts';
import type { Container } from './container.ts';
import { setUpDatabase, startDatastores } from './datastore-containers.ts';
import { createDockerBackupStore } from './docker-backup-store.ts';
import { createDockerEnvironment, teardownDocker } from './docker-environment.ts';
import { startDockerMonitoring } from './docker-monitoring.ts';
import { checkEngine } from './engine.ts';
import { defaultImages, requireImages } from './image.ts';
import { reapOrphanContainers } from './reaper.ts';
import { requireDockerStarts, serviceContainerSpec } from './service-containers.ts';
import { blueSpec, startBlueGreenFront } from './start-blue-green.ts';
import { startContainer } from './start-container.ts';

/** `prometheusImage` runs Prometheus, and Alertmanager by entrypoint override (`prometheus-alertmanager`). */
export function createDockerRuntime(prometheusImage: string = defaultImages.prometheus): Runtime {
  const preflight = async (topology?: Topology, blueGreen: readonly ServiceName[] = []) => {
    try {
      await checkEngine();
      const nginx = blueGreen.length > 0 ? [defaultImages.nginx] : [];
      await requireImages([...imagesOf(topology ?? (await referenceTopology())), prometheusImage, ...nginx]);
    } catch (error) {
      throw new RuntimeUnavailable('docker', error as Error);
    }
  };
  return {
    name: 'docker',
    preflight: (topology) => preflight(topology),
    async provision(signal, { topology: given, alertRulesDir, onProgress = () => {}, blueGreen = [] } = {}) {
      const topology = given ?? (await referenceTopology());
      requireDockerStarts(topology);
      requireBlueGreen(topology, blueGreen);
      const [, reapedDirs, reapedContainers] = await Promise.all([preflight(topology, blueGreen), reapOrphans(), reapOrphanContainers()]);
      const reaped = [...new Set([...reapedDirs, ...reapedContainers])];
      if (reaped.length > 0) onProgress(`reaped ${reaped.length} environment(s) left by a killed run: ${reaped.join(', ')}`);
      const sandbox = await createSandbox();
      try {
        const rulesDir = alertRulesDir ?? topology.config.monitoring.rulesDir;
        const env = await provisionIn(sandbox, topology, prometheusImage, rulesDir, blueGreen, signal);
        track(env);
        onProgress(`environment ${sandbox.id} ready: containers firedrill-${sandbox.id}-*, sandbox ${sandbox.dir}`);
        return env;
      } catch (error) {
        await teardownDocker(sandbox).catch(() => undefined); // never hide the original error
        throw error;
      }
    },
  };
}

/** Every image the system runs: its datastores' and its services'. */
function imagesOf(topology: Topology): string[] {
  const { datastores } = topology.config;
  return [
    ...new Set([
      ...topology.datastores.flatMap((name) => datastores[name]?.docker?.image ?? []),
      ...topology.services.flatMap((service) => service.docker?.image ?? []),
    ]),
  ];
}

/** FIREDRILL_IMAGE_PROMETHEUS names another Prometheus image already in the engine; the system's images come from its config. */
export const dockerRuntime: Runtime = createDockerRuntime(process.env.FIREDRILL_IMAGE_PROMETHEUS || defaultImages.prometheus);

async function provisionIn(
  sandbox: Sandbox,
  topology: Topology,
  prometheusImage: string,
  alertRulesDir: string,
  blueGreen: readonly ServiceName[],
  signal: AbortSignal,
): Promise<Environment> {
  const [ports, proxyPort, colourPorts] = await Promise.all([allocatePorts(topology), freePort(), allocateColourPorts(blueGreen)]);
  const starting = startDockerMonitoring(sandbox.dir, sandbox.id, prometheusImage, topology, ports, alertRulesDir, signal);
  try {
    return await provisionServices(sandbox, topology, { ports, proxyPort, colourPorts, blueGreen }, starting, signal);
  } catch (error) {
    await starting.then((monitoring) => monitoring.stop()).catch(() => undefined); // the receiver is in-process
    throw error;
  }
}

/** The ports provisioning allocated, and the services it runs blue/green with their colours' ports. */
interface Allocated {
  readonly ports: Ports;
  readonly proxyPort: number;
  readonly colourPorts: ColourPorts;
  readonly blueGreen: readonly ServiceName[];
}

async function provisionServices(
  sandbox: Sandbox,
  topology: Topology,
  { ports, proxyPort, colourPorts, blueGreen }: Allocated,
  starting: Promise<Monitoring>,
  signal: AbortSignal,
): Promise<Environment> {
  const pgAdminPassword = randomBytes(18).toString('base64url');
  const datastoreInputs = { envId: sandbox.id, topology, ports, pgAdminPassword, walArchiveDir: walArchiveDirIn(sandbox.dir) };
  const pgImage = topology.config.datastores.postgres?.docker?.image;
  const [datastores, proxyUrl, monitoring, , compileCache] = await allStarted([
    createDockerBackupStore(sandbox.dir, pgImage).then(() => startDatastores(datastoreInputs, signal)),
    startFaultProxy(sandbox.dir, sandbox.id, proxyPort),
    starting,
    createServiceDirs(topology, sandbox.dir),
    nodeCompileCache('docker'),
  ]);
  signal.throwIfAborted();
  const credentials = topology.config.datastores.postgres ? { ...appRole, password: randomBytes(18).toString('base64url') } : undefined;
  const faultProxy = faultProxyClient(proxyUrl);
  const [linkPorts] = await Promise.all([populateLinks(faultProxy, topology, ports), setUpDatabase(datastoreInputs, credentials)]);
  const addresses: Addresses = { sandboxDir: sandbox.dir, ports, linkPorts, ...(credentials ? { postgres: credentials } : {}) };
  const colourInputs = topology.services
    .filter((service) => blueGreen.includes(service.name))
    .map((service) => ({ envId: sandbox.id, topology, service, addresses: { ...addresses, colourPorts }, nodeCompileCache: compileCache }));
  const colourInputOf = (name: ServiceName) => colourInputs.find((input) => input.service.name === name);
  const started = await allStarted(
    topology.services.map((service) => {
      const colours = colourInputOf(service.name);
      const spec = colours ? blueSpec(colours) : serviceContainerSpec(sandbox.id, topology, service, addresses, compileCache);
      return startContainer(spec, signal);
    }),
  );
  const byService = new Map(topology.services.map((service, i) => [service.name, started[i]!] as const));
  const front = colourInputs.length > 0 ? await startBlueGreenFront(sandbox, ports, colourInputs, byService, signal) : undefined;
  const containers = new Map<string, Container>([...datastores, ...[...byService].filter(([name]) => !front?.services.has(name))]);
  const parts = { topology, sandbox, addresses, containers, pgAdminPassword, faultProxy, monitoring };
  return createDockerEnvironment(front ? { ...parts, blueGreen: front } : parts);
}
