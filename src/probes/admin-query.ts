/**
 * One query as the database superuser (PGADMIN_USER) on a connection of its
 * own: it gets in on the reserved slots when the server refuses the
 * application's role, which is when the pool-exhaustion probes must see.
 * The connection is closed at once, so the harness never sits on a reserved
 * slot an operator's runbook step needs. Refused for want of a slot even so
 * (the application's own attempts, still authenticating, can hold the reserved
 * slots: fixtures/ats/ops/psql-retry.sh says how), it tries again for up to
 * 3 s: a look that fails for that says nothing about what it looks at.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { postgresConnection, refusedForWantOfSlot } from '../runtime/postgres-connection.ts';
import type { Environment } from '../runtime/runtime.ts';

const QUERY_TIMEOUT_MS = 3000;
const REFUSED_RETRY_MS = 3000;
const REFUSED_INTERVAL_MS = 200;

/** The application_name of the harness's probe connections. */
export const probeApplicationName = 'firedrill-probe';

export async function adminQuery<Row extends pg.QueryResultRow>(env: Environment, text: string, values: unknown[] = []): Promise<Row[]> {
  return adminQueryWith(env.variables(), probeApplicationName, text, values);
}

/** The same, from the environment's variables, under the caller's application_name. */
export async function adminQueryWith<Row extends pg.QueryResultRow>(
  variables: Record<string, string>,
  applicationName: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const giveUpAt = performance.now() + REFUSED_RETRY_MS;
  for (;;) {
    try {
      return await queryOnce<Row>(variables, applicationName, text, values);
    } catch (error) {
      if (!refusedForWantOfSlot(error) || performance.now() >= giveUpAt) throw error;
      await sleep(REFUSED_INTERVAL_MS);
    }
  }
}

async function queryOnce<Row extends pg.QueryResultRow>(
  variables: Record<string, string>,
  applicationName: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const client = new pg.Client({ ...postgresConnection(variables, 'admin', applicationName), query_timeout: QUERY_TIMEOUT_MS });
  client.on('error', () => {}); // a server going away surfaces as the query's rejection
  try {
    await client.connect();
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}
