/**
 * The harness's own reads of the environment's database (integrity, fills,
 * checks), as the application's role, on a small pool. A read must survive the
 * failure it observes: when the server refuses the application's role for want
 * of a slot (53300: the pool-exhaustion fault, a remediation that freed
 * nothing), the read is made once more as the superuser, on a reserved slot,
 * on a connection closed straight after.
 */
import pg from 'pg';
import { postgresConnection, refusedForWantOfSlot } from '../runtime/postgres-connection.ts';
import { adminQueryWith } from './admin-query.ts';

/** The application_name of the harness's query pool. */
export const harnessApplicationName = 'firedrill-harness';

export interface SqlClient extends AsyncDisposable {
  query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]>;
}

/**
 * The pool is made at the first query: a system without Postgres (no PGHOST…) runs its scenarios, and only a read
 * of a database it does not have fails, saying what is missing.
 */
export function createSqlClient(variables: Record<string, string>): SqlClient {
  let pool: pg.Pool | undefined;
  const poolNow = () => {
    if (pool) return pool;
    pool = new pg.Pool({
      ...postgresConnection(variables, 'app', harnessApplicationName),
      max: 2,
      connectionTimeoutMillis: 2000,
      query_timeout: 5000,
    });
    pool.on('error', () => {}); // a killed server surfaces on the next query instead
    return pool;
  };
  return {
    async query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      try {
        return (await poolNow().query<Row>(text, values)).rows;
      } catch (error) {
        if (!refusedForWantOfSlot(error)) throw error;
        return adminQueryWith<Row>(variables, harnessApplicationName, text, values);
      }
    },
    [Symbol.asyncDispose]: async () => {
      await pool?.end();
    },
  };
}
