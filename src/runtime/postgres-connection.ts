/**
 * How the harness reaches the environment's database, from the variables
 * every runtime sets: as the application's role (PGUSER, what the services
 * use) or as the superuser (PGADMIN_USER), who still gets in on the reserved
 * connections when the server refuses everyone else.
 */
import type pg from 'pg';

export type PostgresRole = 'app' | 'admin';

/**
 * SQLSTATE too_many_connections: "sorry, too many clients already", "remaining connection slots are reserved…".
 * The server sends it only while a connection starts, before any statement: trying again is always safe.
 */
export const tooManyConnections = '53300';

/** node-postgres' own error when connectionTimeoutMillis passed before the session was ready: no SQLSTATE, no errno. */
export const connectTimedOut = (error: unknown): boolean => error instanceof Error && error.message === 'timeout expired';

export const refusedForWantOfSlot = (error: unknown): boolean => (error as { code?: string } | null)?.code === tooManyConnections;

export function postgresConnection(variables: Record<string, string>, role: PostgresRole, applicationName: string): pg.ClientConfig {
  const user = role === 'app' ? variables.PGUSER : variables.PGADMIN_USER;
  const password = role === 'app' ? variables.PGPASSWORD : variables.PGADMIN_PASSWORD;
  if (!variables.PGHOST || !variables.PGPORT || !user || !variables.PGDATABASE) {
    const needed = role === 'app' ? 'PGUSER' : 'PGADMIN_USER';
    throw new Error(
      `The environment's variables lack PGHOST, PGPORT, ${needed} or PGDATABASE: cannot connect to Postgres as the ${role} role`,
    );
  }
  return {
    host: variables.PGHOST,
    port: Number(variables.PGPORT),
    user,
    password,
    database: variables.PGDATABASE,
    application_name: applicationName,
    connectionTimeoutMillis: 3000,
  };
}
