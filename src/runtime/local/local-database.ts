import { appRole } from '../../topology/service-env.ts';
import type { Topology } from '../../topology/topology.ts';
import { applyDatabaseSetup } from '../migrate.ts';
import type { PostgresServer } from './postgres-server.ts';

/** The config's migrations and seed, as the app role, into a new cluster (provision, provisionClean). */
export async function setUpDatabase(topology: Topology, postgres: PostgresServer | undefined): Promise<void> {
  const setup = topology.config.datastores.postgres;
  if (!postgres || !setup) return;
  await applyDatabaseSetup({ host: '127.0.0.1', port: postgres.port, ...appRole, password: postgres.password }, setup);
}
