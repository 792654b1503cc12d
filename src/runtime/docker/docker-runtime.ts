/**
 * The container runtime: the system a config declares (the reference trading
 * system by default) as containers with host networking on loopback ports,
 * from the images the config names — firedrill's local ones (`npm run images`)
 * for the reference — already in the engine: firedrill never pulls.
 *
 *   engine + images ∥ reap orphans → sandbox → ports
 *     → postgres ∥ redis ∥ fault proxy (host process) ∥ monitoring ∥ service dirs → app role → migrations ∥ links
 *     → every service (each ready) → Environment
 *   (monitoring: webhook receiver → Prometheus ∥ Alertmanager containers, see docker-monitoring.ts)
 */
import { randomBytes } from 'node:crypto';
import { startFaultProxy } from '../../host/fault-proxy-process.ts';
import { nodeCompileCache } from '../../host/node-compile-cache.ts';
import { freePort } from '../../host/ports.ts';
import { createSandbox, reapOrphans, type Sandbox } from '../../host/sandbox.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import { faultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { createServiceDirs } from '../../topology/service-dirs.ts';
import { type Addresses, appRole, loopback } from '../../topology/service-env.ts';
import { allocatePorts, type Ports, referenceTopology, type Topology } from '../../topology/topology.ts';
import { populateLinks } from '../links.ts';
import { track } from '../live-environments.ts';
import { applyDatabaseSetup } from '../migrate.ts';
import { type Environment, type Runtime, RuntimeUnavailable } from '../runtime.ts';
import type { Container } from './container.ts';
import { createDockerEnvironment, teardownDocker } from './docker-environment.ts';
import { startDockerMonitoring } from './docker-monitoring.ts';
import { checkEngine } from './engine.ts';
import { defaultImages, requireImages } from './image.ts';
import { createAppRole } from './postgres-roles.ts';
import { reapOrphanContainers } from './reaper.ts';
import { postgresSpec, redisSpec, requireDockerStarts, serviceSpec } from './service-containers.ts';
import { startContainer } from './start-container.ts';

/** `prometheusImage` runs Prometheus, and Alertmanager by entrypoint override (`prometheus-alertmanager`). */
export function createDockerRuntime(prometheusImage: string = defaultImages.prometheus): Runtime {
  const preflight = async (topology?: Topology) => {
    try {
      await checkEngine();
      await requireImages([...imagesOf(topology ?? (await referenceTopology())), prometheusImage]);
    } catch (error) {
      throw new RuntimeUnavailable('docker', error as Error);
    }
  };
  return {
    name: 'docker',
    preflight,
    async provision(signal, { topology: given, alertRulesDir, onProgress = () => {} } = {}) {
      const topology = given ?? (await referenceTopology());
      requireDockerStarts(topology);
      const [, reapedDirs, reapedContainers] = await Promise.all([preflight(topology), reapOrphans(), reapOrphanContainers()]);
      const reaped = [...new Set([...reapedDirs, ...reapedContainers])];
      if (reaped.length > 0) onProgress(`reaped ${reaped.length} environment(s) left by a killed run: ${reaped.join(', ')}`);
      const sandbox = await createSandbox();
      try {
        const rulesDir = alertRulesDir ?? topology.config.monitoring.rulesDir;
        const env = await provisionIn(sandbox, topology, prometheusImage, rulesDir, signal);
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
  signal: AbortSignal,
): Promise<Environment> {
  const [ports, proxyPort] = await Promise.all([allocatePorts(topology), freePort()]);
  const starting = startDockerMonitoring(sandbox.dir, sandbox.id, prometheusImage, topology, ports, alertRulesDir, signal);
  try {
    return await provisionServices(sandbox, topology, ports, proxyPort, starting, signal);
  } catch (error) {
    await starting.then((monitoring) => monitoring.stop()).catch(() => undefined); // the receiver is in-process
    throw error;
  }
}

async function provisionServices(
  sandbox: Sandbox,
  topology: Topology,
  ports: Ports,
  proxyPort: number,
  starting: Promise<Monitoring>,
  signal: AbortSignal,
): Promise<Environment> {
  const { postgres: pgConfig, redis: redisConfig } = topology.config.datastores;
  const pgAdminPassword = randomBytes(18).toString('base64url');
  const pgPassword = randomBytes(18).toString('base64url');
  const [postgres, redis, proxyUrl, monitoring, , compileCache] = await allStarted([
    pgConfig ? startContainer(postgresSpec(sandbox.id, pgConfig.docker!.image, ports.postgres!, pgAdminPassword), signal) : undefined,
    redisConfig ? startContainer(redisSpec(sandbox.id, redisConfig.docker!.image, ports.redis!), signal) : undefined,
    startFaultProxy(sandbox.dir, sandbox.id, proxyPort),
    starting,
    createServiceDirs(topology, sandbox.dir),
    nodeCompileCache('docker'),
  ]);
  signal.throwIfAborted();
  const credentials = { ...appRole, password: pgPassword };
  if (pgConfig) {
    await createAppRole(ports.postgres!, pgAdminPassword, credentials);
  }
  const faultProxy = faultProxyClient(proxyUrl);
  const [linkPorts] = await Promise.all([
    populateLinks(faultProxy, topology, ports),
    pgConfig ? applyDatabaseSetup({ host: loopback, port: ports.postgres!, ...credentials }, pgConfig) : undefined,
  ]);
  const addresses: Addresses = { sandboxDir: sandbox.dir, ports, linkPorts, ...(pgConfig ? { postgres: credentials } : {}) };
  const started = await allStarted(
    topology.services.map((service) =>
      startContainer({ ...serviceSpec(sandbox.id, topology, service, addresses, compileCache), startupTimeoutMs: 20_000 }, signal),
    ),
  );
  const containers = new Map<string, Container>([
    ...(postgres ? [['postgres', postgres] as const] : []),
    ...(redis ? [['redis', redis] as const] : []),
    ...topology.services.map((service, i) => [service.name, started[i]!] as const),
  ]);
  return createDockerEnvironment({ topology, sandbox, addresses, containers, pgAdminPassword, faultProxy, monitoring });
}

/**
 * Like Promise.all, but waits for every start to settle before rejecting with
 * the first error: a container still starting when teardown runs would be
 * created after it, and outlive the environment.
 */
async function allStarted<T extends readonly unknown[]>(starts: { [K in keyof T]: Promise<T[K]> | T[K] }): Promise<T> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
