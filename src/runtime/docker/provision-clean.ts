/**
 * Clean hosts after a total loss, on the docker runtime (Environment.provisionClean): the datastores' containers
 * again, on the same names, ports and passwords, empty and set up as provisioning sets them up
 * (datastore-containers.ts), Postgres's cluster in a volume (for the runbook's point-in-time restore); the services' dirs; and each service's container CREATED, not started (its restart
 * policy already set): the runbook's DR step starts them (`docker start` of each of $SERVICE_CONTAINERS), after the
 * restore. The new containers replace the lost ones in `containers`, so the environment's handles act on them.
 *
 *   refuse unless lost ─> datastores ∥ service dirs ─> role, database, migrations ─> service containers created
 *   (on any failure: every system container removed again, so the environment is lost as before and a retry can run)
 */
import { nodeCompileCache } from '../../host/node-compile-cache.ts';
import { createServiceDirs } from '../../topology/service-dirs.ts';
import { walArchiveDirIn } from '../backup-store.ts';
import type { ServiceName } from '../runtime.ts';
import { allStarted } from './all-started.ts';
import type { Container } from './container.ts';
import { setUpDatabase, startDatastores } from './datastore-containers.ts';
import type { DockerParts } from './docker-environment.ts';
import { removeContainerIds } from './reaper.ts';
import { serviceContainerSpec } from './service-containers.ts';
import { createContainer } from './start-container.ts';
import { systemContainers } from './system-containers.ts';

export async function provisionCleanSystem(parts: DockerParts, signal: AbortSignal): Promise<void> {
  const { sandbox, topology, addresses } = parts;
  if (parts.blueGreen)
    throw new Error(
      `Environment ${sandbox.id} runs ${[...parts.blueGreen.services.keys()].join(', ')} blue/green: clean hosts for nginx and the colours are not provided on docker; run the disaster-recovery drill without blueGreen`,
    );
  const left = await systemContainers(sandbox.id);
  if (left.length > 0)
    throw new Error(
      `Clean hosts for ${sandbox.id} need the system lost first (loseEverything()): its containers ${left.map((c) => c.name).join(', ')} still exist`,
    );
  try {
    const inputs = {
      envId: sandbox.id,
      topology,
      ports: addresses.ports,
      pgAdminPassword: parts.pgAdminPassword,
      walArchiveDir: walArchiveDirIn(sandbox.dir),
      // What the runbook's point-in-time restore on the container platform swaps the cluster in.
      postgresDataVolume: true,
    };
    const [datastores, , compileCache] = await allStarted([
      startDatastores(inputs, signal),
      createServiceDirs(topology, sandbox.dir),
      nodeCompileCache('docker'),
    ]);
    await setUpDatabase(inputs, addresses.postgres);
    const services = await allStarted(
      topology.services.map((service) =>
        createContainer(serviceContainerSpec(sandbox.id, topology, service, addresses, compileCache), signal),
      ),
    );
    const created = new Map<ServiceName, Container>([...datastores, ...topology.services.map((s, i) => [s.name, services[i]!] as const)]);
    for (const [name, container] of created) parts.containers.set(name, container);
  } catch (error) {
    const half = await systemContainers(sandbox.id).catch(() => []);
    await removeContainerIds(half.map((container) => container.id)).catch(() => undefined); // never hide the original error
    throw error;
  }
}
