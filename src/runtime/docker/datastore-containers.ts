/**
 * The system's datastores as containers, started the same way by provisioning and by a disaster recovery's clean
 * hosts (provision-clean.ts): the same names, ports and admin password, Postgres archiving its WAL into the backup
 * store, then the app role, its database and the migrations.
 *
 *   postgres ∥ redis (each ready) ─> app role + database ─> migrations (and seed)
 */
import { loopback, type PostgresCredentials } from '../../topology/service-env.ts';
import type { Ports, Topology } from '../../topology/topology.ts';
import { applyDatabaseSetup } from '../migrate.ts';
import type { ServiceName } from '../runtime.ts';
import { allStarted } from './all-started.ts';
import type { Container } from './container.ts';
import { createAppRole } from './postgres-roles.ts';
import { postgresSpec, redisSpec } from './service-containers.ts';
import { startContainer } from './start-container.ts';

export interface DatastoreInputs {
  readonly envId: string;
  readonly topology: Topology;
  readonly ports: Ports;
  /** The postgres superuser's password (the image sets it at every start). */
  readonly pgAdminPassword: string;
  /** The WAL archive Postgres archives into (the backup store's, created first: docker-backup-store.ts). */
  readonly walArchiveDir: string;
  /** Postgres's data dir in a volume, for a point-in-time restore (clean hosts: provision-clean.ts). */
  readonly postgresDataVolume?: boolean;
}

/** Starts the declared datastores, each ready (empty: Redis keeps nothing, Postgres has only its own databases). */
export async function startDatastores(inputs: DatastoreInputs, signal: AbortSignal): Promise<Map<ServiceName, Container>> {
  const { postgres, redis } = inputs.topology.config.datastores;
  const [pgContainer, redisContainer] = await allStarted([
    postgres
      ? startContainer(
          postgresSpec(inputs.envId, postgres.docker!.image, inputs.ports.postgres!, inputs.pgAdminPassword, {
            walArchiveDir: inputs.walArchiveDir,
            dataVolume: inputs.postgresDataVolume ?? false,
          }),
          signal,
        )
      : undefined,
    redis ? startContainer(redisSpec(inputs.envId, redis.docker!.image, inputs.ports.redis!), signal) : undefined,
  ]);
  return new Map([
    ...(pgContainer ? [['postgres', pgContainer] as const] : []),
    ...(redisContainer ? [['redis', redisContainer] as const] : []),
  ]);
}

/** The services' role and database, then the config's migrations and seed; nothing without postgres. */
export async function setUpDatabase(inputs: DatastoreInputs, credentials: PostgresCredentials | undefined): Promise<void> {
  const config = inputs.topology.config.datastores.postgres;
  if (!config || !credentials) return;
  await createAppRole(inputs.ports.postgres!, inputs.pgAdminPassword, credentials);
  await applyDatabaseSetup({ host: loopback, port: inputs.ports.postgres!, ...credentials }, config);
}
