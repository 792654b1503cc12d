/**
 * One query as the database superuser (PGADMIN_USER) on a connection of its
 * own: it gets in on the reserved slots when the server refuses the
 * application's role, which is when the pool-exhaustion probes must see.
 */
import pg from 'pg';
import { postgresConnection } from '../runtime/postgres-connection.ts';
import type { Environment } from '../runtime/runtime.ts';

const QUERY_TIMEOUT_MS = 3000;

export async function adminQuery<Row extends pg.QueryResultRow>(env: Environment, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ ...postgresConnection(env.variables(), 'admin', 'firedrill-probe'), query_timeout: QUERY_TIMEOUT_MS });
  client.on('error', () => {}); // a server going away surfaces as the query's rejection
  try {
    await client.connect();
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}
