/**
 * Total loss on the docker runtime (Environment.loseEverything): every container of the system (system-containers.ts)
 * is SIGKILLed by the engine (`docker kill`, all at once, as hosts losing power), then removed with its volumes, the
 * database cluster and Redis's dir with it (both live in their containers); then the services' dirs and logs in the
 * sandbox are removed. What survives: monitoring's containers, the webhook receiver and the fault proxy (processes of
 * the harness, off the lost hosts), and the rest of the sandbox, the backups (BACKUP_DIR) among it.
 */
import { rm } from 'node:fs/promises';
import { execa } from 'execa';
import { logsDirIn, serviceDirs } from '../../topology/service-dirs.ts';
import type { Topology } from '../../topology/topology.ts';
import type { Loss } from '../runtime.ts';
import { dockerBin } from './docker-bin.ts';
import { removeContainerIds } from './reaper.ts';
import { systemContainers } from './system-containers.ts';

export async function loseSystem(envId: string, topology: Topology, sandboxDir: string): Promise<Loss> {
  const containers = await systemContainers(envId);
  const running = containers.filter((container) => container.pid > 0);
  if (running.length > 0) {
    // One that exited meanwhile (a crashed service) makes kill exit 1: rm -f below removes it all the same.
    await execa(dockerBin, ['kill', '--signal', 'KILL', ...running.map((container) => container.id)], { reject: false });
  }
  await removeContainerIds(containers.map((container) => container.id));
  const left = await systemContainers(envId);
  if (left.length > 0)
    throw new Error(`Total loss of ${envId}: containers ${left.map((c) => c.name).join(', ')} still exist after docker rm -f`);
  const dirs = [...new Set([logsDirIn(sandboxDir), ...topology.services.flatMap((service) => serviceDirs(service, sandboxDir))])];
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  return {
    processes: running.map((container) => `${container.role} ${container.pid}`),
    removed: [...containers.map((container) => `container ${container.name} (${container.role}) with its volumes`), ...dirs],
  };
}
