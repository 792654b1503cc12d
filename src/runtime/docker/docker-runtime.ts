/**
 * The container runtime: the reference trading system as containers with host
 * networking on loopback ports, from local images (`npm run images`) or any
 * configured ones already in the engine — firedrill never pulls.
 *
 *   engine + images ∥ reap orphans → sandbox → ports
 *     → postgres ∥ redis ∥ fault proxy (host process) ∥ monitoring ∥ log dirs → ats role → migrations ∥ links
 *     → exchange ∥ order-gateway ∥ market-data ∥ risk ∥ log-sink ∥ log-shipper (each ready) → Environment
 *   (monitoring: webhook receiver → Prometheus ∥ Alertmanager containers, see docker-monitoring.ts)
 */
import { randomBytes } from 'node:crypto';
import { defaultAlertRulesDir } from '../alert-rules.ts';
import { faultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { linkUpstreams, populateLinks } from '../links.ts';
import { track } from '../live-environments.ts';
import {
  allocateAtsPorts,
  type AtsPorts,
  createLogDirs,
  logPathsIn,
  migrationsDir,
  type NodeServiceName,
  nodeServiceNames,
} from '../local/ats-services.ts';
import { startFaultProxy } from '../local/fault-proxy-process.ts';
import { freePort } from '../local/ports.ts';
import { atsDatabase, atsUser } from '../local/postgres-server.ts';
import { createSandbox, reapOrphans, type Sandbox } from '../local/sandbox.ts';
import { applyMigrations } from '../migrate.ts';
import { type Environment, type Runtime, RuntimeUnavailable, type ServiceName } from '../runtime.ts';
import { type DockerImages, nodeServiceSpecs, postgresSpec, redisSpec } from './ats-containers.ts';
import type { Container } from './container.ts';
import { createDockerEnvironment, teardownDocker } from './docker-environment.ts';
import { checkEngine } from './engine.ts';
import { defaultImages, requireImages } from './image.ts';
import { reapOrphanContainers } from './reaper.ts';
import { startContainer } from './start-container.ts';
import { createAppRole } from './postgres-roles.ts';
import { startDockerMonitoring } from './docker-monitoring.ts';
import { nodeCompileCache } from '../node-compile-cache.ts';
import type { Monitoring } from '../monitoring.ts';

export function createDockerRuntime(images: DockerImages = defaultImages): Runtime {
  const preflight = async () => {
    try {
      await checkEngine();
      await requireImages([images.postgres, images.redis, images.node, images.prometheus]);
    } catch (error) {
      throw new RuntimeUnavailable('docker', error as Error);
    }
  };
  return {
    name: 'docker',
    preflight,
    async provision(signal, { alertRulesDir = defaultAlertRulesDir, onProgress = () => {} } = {}) {
      const [, reapedDirs, reapedContainers] = await Promise.all([preflight(), reapOrphans(), reapOrphanContainers()]);
      const reaped = [...new Set([...reapedDirs, ...reapedContainers])];
      if (reaped.length > 0) onProgress(`reaped ${reaped.length} environment(s) left by a killed run: ${reaped.join(', ')}`);
      const sandbox = await createSandbox();
      try {
        const env = await provisionIn(sandbox, images, alertRulesDir, signal);
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

/** Images are configuration: FIREDRILL_IMAGE_POSTGRES, _REDIS, _NODE, _PROMETHEUS name others already in the engine. */
export function imagesFromEnvironment(env: NodeJS.ProcessEnv = process.env): DockerImages {
  return {
    postgres: env.FIREDRILL_IMAGE_POSTGRES || defaultImages.postgres,
    redis: env.FIREDRILL_IMAGE_REDIS || defaultImages.redis,
    node: env.FIREDRILL_IMAGE_NODE || defaultImages.node,
    prometheus: env.FIREDRILL_IMAGE_PROMETHEUS || defaultImages.prometheus,
  };
}

export const dockerRuntime: Runtime = createDockerRuntime(imagesFromEnvironment());

async function provisionIn(sandbox: Sandbox, images: DockerImages, alertRulesDir: string, signal: AbortSignal): Promise<Environment> {
  const [ports, proxyPort] = await Promise.all([allocateAtsPorts(), freePort()]);
  const starting = startDockerMonitoring(sandbox.dir, sandbox.id, images.prometheus, ports, alertRulesDir, signal);
  try {
    return await provisionServices(sandbox, images, ports, proxyPort, starting, signal);
  } catch (error) {
    await starting.then((monitoring) => monitoring.stop()).catch(() => undefined); // the receiver is in-process
    throw error;
  }
}

async function provisionServices(
  sandbox: Sandbox,
  images: DockerImages,
  ports: AtsPorts,
  proxyPort: number,
  starting: Promise<Monitoring>,
  signal: AbortSignal,
): Promise<Environment> {
  const pgAdminPassword = randomBytes(18).toString('base64url');
  const pgPassword = randomBytes(18).toString('base64url');
  const logs = logPathsIn(sandbox.dir);
  const [postgres, redis, proxyUrl, monitoring, , compileCache] = await allStarted([
    startContainer(postgresSpec(sandbox.id, images.postgres, ports.postgres, pgAdminPassword), signal),
    startContainer(redisSpec(sandbox.id, images.redis, ports.redis), signal),
    startFaultProxy(sandbox.dir, sandbox.id, proxyPort),
    starting,
    createLogDirs(logs),
    nodeCompileCache('docker'),
  ]);
  signal.throwIfAborted();
  await createAppRole(ports.postgres, pgAdminPassword, { user: atsUser, password: pgPassword, database: atsDatabase });
  const faultProxy = faultProxyClient(proxyUrl);
  const [links] = await Promise.all([
    populateLinks(faultProxy, linkUpstreams(ports)),
    applyMigrations({ host: '127.0.0.1', port: ports.postgres, user: atsUser, password: pgPassword, database: atsDatabase }, migrationsDir),
  ]);
  const connection = { ports, links, logs, pgUser: atsUser, pgPassword, pgDatabase: atsDatabase };
  const specs = nodeServiceSpecs(sandbox.id, images.node, connection, compileCache);
  const started = await allStarted(
    nodeServiceNames.map((name) => startContainer({ ...specs.get(name)!, startupTimeoutMs: 20_000 }, signal)),
  );
  const nodeContainers = Object.fromEntries(nodeServiceNames.map((name, i) => [name, started[i]!])) as Record<NodeServiceName, Container>;
  const containers: Record<ServiceName, Container> = { postgres, redis, ...nodeContainers };
  return createDockerEnvironment({ sandbox, ports, containers, connection, pgAdminPassword, faultProxy, monitoring });
}

/**
 * Like Promise.all, but waits for every start to settle before rejecting with
 * the first error: a container still starting when teardown runs would be
 * created after it, and outlive the environment.
 */
async function allStarted<T extends readonly unknown[]>(starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
