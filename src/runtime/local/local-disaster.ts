/**
 * Total loss of a local environment's hosts, and clean ones in their place (Environment.loseEverything and
 * provisionClean, runtime.ts):
 *
 *   loseEverything:  SIGKILL, all at once: postgres, redis, PM2's daemon and apps, nginx, with their children,
 *                    then any process of the sandbox started since that was not alive before (a late fork)
 *                    → remove PGDATA's home, Redis's files, PM2's home, the ecosystem file, the logs, service dirs
 *   provisionClean:  service dirs → postgres (template, same settings and passwords) + migrations ∥ Redis (same
 *                    REDIS_CONF, empty) ∥ PM2's daemon with no app and the ecosystem file written again
 *
 * What survives is what lives off those hosts: the backup store (its WAL archive too), the fault proxy, monitoring.
 */
import { rm, stat } from 'node:fs/promises';
import { killAllNow, labelledTrees } from '../../host/process-tree.ts';
import type { Sandbox } from '../../host/sandbox.ts';
import { findTaggedProcesses } from '../../host/tagged-processes.ts';
import { createServiceDirs, logsDirIn, serviceDirs } from '../../topology/service-dirs.ts';
import type { Topology } from '../../topology/topology.ts';
import type { Loss } from '../runtime.ts';
import { setUpDatabase } from './local-database.ts';
import type { LocalBlueGreen } from './local-blue-green.ts';
import type { Pm2 } from './pm2.ts';
import type { PostgresServer } from './postgres-server.ts';
import type { RedisServer } from './redis-server.ts';

export interface LocalHosts {
  readonly topology: Topology;
  readonly sandbox: Sandbox;
  readonly postgres: PostgresServer | undefined;
  readonly redis: RedisServer | undefined;
  readonly pm2: Pm2;
  readonly blueGreen?: LocalBlueGreen;
}

export interface LocalDisaster {
  loseEverything(): Promise<Loss>;
  provisionClean(signal: AbortSignal): Promise<void>;
}

export function localDisaster(hosts: LocalHosts): LocalDisaster {
  let lost = false;
  return {
    async loseEverything() {
      lost = true;
      const processes = await killHosts(hosts);
      const removed = await removeHostFiles(hosts);
      return { processes, removed };
    },
    async provisionClean(signal) {
      if (!lost) throw new Error(`Environment ${hosts.sandbox.id}: provisionClean() follows loseEverything(); its hosts are still there`);
      if (hosts.blueGreen)
        throw new Error(
          `Environment ${hosts.sandbox.id} runs ${hosts.blueGreen.names.join(', ')} blue/green: provisionClean() does not bring nginx back`,
        );
      await createServiceDirs(hosts.topology, hosts.sandbox.dir);
      signal.throwIfAborted();
      // Settled, all of them, before answering: a host still starting after a failure returned could outlive teardown.
      const settled = await Promise.allSettled([
        hosts.postgres?.recreate().then(() => setUpDatabase(hosts.topology, hosts.postgres)),
        hosts.redis?.recreate(),
        hosts.pm2.standBy(),
      ]);
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      lost = false;
    },
  };
}

/** The system's processes by component (PM2's apps by app name, their supervisor as `pm2`), killed together. */
async function killHosts(hosts: LocalHosts): Promise<string[]> {
  const before = new Set(await findTaggedProcesses(hosts.sandbox));
  const roots = new Map<number, string>();
  const root = (label: string, pid: number | undefined) => pid !== undefined && roots.set(pid, label);
  root('postgres', await hosts.postgres?.pid());
  root('redis', await hosts.redis?.pid());
  root('pm2', await hosts.pm2.daemonPid());
  root('nginx', await hosts.blueGreen?.nginx.pid());
  for (const app of hosts.pm2.appNames()) root(app, await hosts.pm2.pid(app));
  const trees = await labelledTrees(roots);
  await killAllNow([...trees.keys()]);
  const ended = [...trees].map(([pid, label]) => `${label} ${pid}`);
  // A child forked between the look and the kill is an orphan now, outside the trees: tagged, and not there before.
  const late = (await findTaggedProcesses(hosts.sandbox)).filter((pid) => !before.has(pid) && !trees.has(pid));
  await killAllNow(late);
  return [...ended, ...late.map((pid) => `late child ${pid}`)];
}

async function removeHostFiles(hosts: LocalHosts): Promise<string[]> {
  const { topology, sandbox } = hosts;
  const paths = [
    ...(hosts.postgres ? [hosts.postgres.home] : []),
    ...(hosts.redis?.files ?? []),
    hosts.pm2.home,
    hosts.pm2.ecosystemFile,
    logsDirIn(sandbox.dir),
    ...topology.services.flatMap((service) => serviceDirs(service, sandbox.dir)),
  ];
  const removed: string[] = [];
  for (const path of new Set(paths)) {
    if (
      !(await stat(path).then(
        () => true,
        () => false,
      ))
    )
      continue;
    await rm(path, { recursive: true, force: true, maxRetries: 3 });
    removed.push(path);
  }
  return removed;
}
