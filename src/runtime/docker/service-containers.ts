/**
 * The system as container specs: one container per datastore and service
 * (the engine is the supervisor; there is no PM2), host networking, each on
 * the loopback port the environment allocated.
 *
 *   postgres  image's entrypoint: PGPORT, POSTGRES_USER/PASSWORD (the admin role); with a WAL archive, continuous
 *             archiving into it (`-c archive_*`, archive-wal.sh), the archive and the ops scripts' dir mounted at
 *             their host paths, and 1 MB WAL segments (baked into firedrill's image; POSTGRES_INITDB_ARGS for the official one);
 *             on clean hosts, /var/lib/postgresql (its data dir's parent) an anonymous volume, for a point-in-time restore
 *   redis     redis-server arguments, no persistence (as the local runtime)
 *   service   its image and command, run in the config file's directory when
 *             it mounts code from the host (`docker.mounts`, read-only at
 *             their host paths), else in the image's working directory; the
 *             sandbox's logs dir, its own `dirs` and Node's compile cache
 *             (shared by the environments, host/node-compile-cache.ts)
 *             writable at their host paths; its env from the topology
 *             (links through the fault proxy); ready when its readiness path answers 200;
 *             then restart policy unless-stopped (the engine restarts it as PM2 does locally)
 */
import { dirname } from 'node:path';
import pg from 'pg';
import type { ServiceConfig } from '../../config/service-schema.ts';
import { logsDirIn, serviceDirs } from '../../topology/service-dirs.ts';
import { type Addresses, loopback, serviceEnv, serviceUrl } from '../../topology/service-env.ts';
import type { Topology } from '../../topology/topology.ts';
import { archiveWalScript, walArchivingParameters } from '../backup-store.ts';
import { pingRedis } from '../redis-ping.ts';
import { answersOk } from '../wait-for-http.ts';
import type { BindMount, ContainerSpec } from './container-spec.ts';
import { Ready } from './readiness.ts';

/** The superuser the image creates; the services use the plain role made from it (see postgres-roles.ts). */
export const pgAdminUser = 'postgres';

/** Where both firedrill's image and the official one keep the cluster: PGDATA is a dir in it. */
export const postgresDataParent = '/var/lib/postgresql';

export interface PostgresOptions {
  /** The backup store's WAL archive (docker-backup-store.ts), which the server archives into; absent, no archiving. */
  readonly walArchiveDir?: string;
  /**
   * postgresDataParent as an anonymous volume: a point-in-time restore (restore-postgres-pitr-container.sh) prepares
   * the restored cluster beside the data dir in it, from a throwaway container, and swaps the two by renaming. Clean
   * hosts only: filling the volume from the image costs each create 1-2 s here.
   */
  readonly dataVolume?: boolean;
}

export function postgresSpec(
  envId: string,
  image: string,
  port: number,
  adminPassword: string,
  options: PostgresOptions = {},
): ContainerSpec {
  const { walArchiveDir } = options;
  const archiving = walArchiveDir
    ? {
        args: Object.entries(walArchivingParameters(archiveWalScript, walArchiveDir)).flatMap(([name, value]) => [
          '-c',
          `${name}=${value}`,
        ]),
        binds: [
          { source: dirname(archiveWalScript), target: dirname(archiveWalScript), mode: 'ro' as const },
          { source: walArchiveDir, target: walArchiveDir, mode: 'rw' as const },
        ],
      }
    : {};
  return {
    envId,
    role: 'postgres',
    image,
    env: { PGPORT: String(port), POSTGRES_USER: pgAdminUser, POSTGRES_PASSWORD: adminPassword, POSTGRES_INITDB_ARGS: '--wal-segsize=1' },
    ...archiving,
    ...(options.dataVolume ? { volumes: [postgresDataParent] } : {}),
    readiness: Ready.when(`PostgreSQL answering SELECT 1 on port ${port}`, () => pgAnswers(port, adminPassword)),
  };
}

export function redisSpec(envId: string, image: string, port: number): ContainerSpec {
  return {
    envId,
    role: 'redis',
    image,
    args: ['--port', String(port), '--bind', loopback, '--protected-mode', 'yes', '--save', '', '--appendonly', 'no'],
    readiness: Ready.when(`Redis answering PING on port ${port}`, async () => (await pingRedis(port)) === 'PONG'),
  };
}

/** The container of one service (it must have a `docker` start: requireDockerStarts checks that first). */
export function serviceSpec(
  envId: string,
  topology: Topology,
  service: ServiceConfig,
  addresses: Addresses,
  nodeCompileCache: string,
): ContainerSpec {
  const docker = service.docker!;
  const readiness = `${serviceUrl(addresses.ports, service.name)}${service.paths.readiness ?? service.paths.health}`;
  const bind = (mode: BindMount['mode']) => (dir: string) => ({ source: dir, target: dir, mode });
  const writable = [logsDirIn(addresses.sandboxDir), ...serviceDirs(service, addresses.sandboxDir), nodeCompileCache];
  return {
    envId,
    role: service.name,
    image: docker.image,
    // No FIREDRILL_ENV tag: containers are found by label, tagged processes are the host's.
    env: { ...serviceEnv(topology, service, 'docker', addresses), NODE_COMPILE_CACHE: nodeCompileCache },
    args: docker.command,
    binds: [...docker.mounts.map(bind('ro')), ...[...new Set(writable)].map(bind('rw'))],
    ...(docker.mounts.length > 0 ? { workingDir: topology.configDir } : {}),
    readiness: Ready.when(`${service.name} answering ${readiness}`, () => answersOk(readiness)),
    // The engine is the services' supervisor, as PM2 is locally: a service whose process exits is started again
    // (with the engine's backoff, 100 ms doubling), unless stopped by hand. The datastores have none: a killed one stays down.
    restartPolicy: 'unless-stopped',
  };
}

/**
 * How long a service's container (its own, or a blue colour at provisioning) may take to answer its readiness path
 * after its start. The gate provisions three environments at once; on a fresh machine Node's compile cache for the
 * containers' user is empty (it is kept per user: the host's processes cannot fill it) and eighteen services compile
 * everything they import side by side: three exchanges missed 20 s in a clean-clone CI run, beside the cli tests,
 * where the same three environments took 14.5 s to provision on the quiet machine (8.7-9.3 s with the cache warm).
 * A container that exits fails at once, whatever this says.
 */
export const serviceStartupTimeoutMs = 30_000;

/** A service's own container (not a blue/green colour): ready within serviceStartupTimeoutMs of its start. */
export function serviceContainerSpec(...args: Parameters<typeof serviceSpec>): ContainerSpec {
  return { ...serviceSpec(...args), startupTimeoutMs: serviceStartupTimeoutMs };
}

/** Throws, before anything starts, naming every datastore and service the config gives no image. */
export function requireDockerStarts(topology: Topology): void {
  const missing = [
    ...topology.datastores.filter((name) => !topology.config.datastores[name]?.docker).map((name) => `datastores.${name}.docker.image`),
    ...topology.services.filter((service) => !service.docker).map((service) => `${service.name} (its docker.image)`),
  ];
  if (missing.length > 0)
    throw new Error(`The docker runtime needs an image for each part of the system; the config gives none for ${missing.join(', ')}`);
}

async function pgAnswers(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({
    host: loopback,
    port,
    user: pgAdminUser,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 1000,
  });
  try {
    await client.connect();
    return (await client.query('SELECT 1')).rowCount === 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}
