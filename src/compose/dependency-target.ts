/**
 * What another compose service is to a linking service: the config's name for
 * it (`postgres`, `redis`, or its kebab-cased name), the ports it listens on,
 * and for PostgreSQL the credentials the compose file gave it, so the
 * variables that repeat them can become `{user}`, `{password}`, `{database}`.
 */
import type { DatastoreName } from '../config/datastore-schema.ts';

export interface DependencyTarget {
  /** As the compose file names it. */
  readonly composeName: string;
  /** As the config names it; absent when firedrill cannot run it (a second PostgreSQL). */
  readonly dependency?: string;
  readonly datastore?: DatastoreName;
  /** Its container ports; a datastore's default port among them. */
  readonly ports: readonly number[];
  readonly credentials?: { readonly user: string; readonly password?: string; readonly database: string };
}

export const defaultPorts: Readonly<Record<DatastoreName, number>> = { postgres: 5432, redis: 6379 };

/** The official postgres image's variables: POSTGRES_USER (default postgres), POSTGRES_PASSWORD, POSTGRES_DB (default the user). */
export function postgresCredentials(environment: ReadonlyMap<string, string | undefined>): DependencyTarget['credentials'] {
  const user = environment.get('POSTGRES_USER') ?? 'postgres';
  const password = environment.get('POSTGRES_PASSWORD');
  return { user, ...(password ? { password } : {}), database: environment.get('POSTGRES_DB') ?? user };
}
