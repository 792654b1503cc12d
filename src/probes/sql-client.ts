import pg from 'pg';
import { postgresConnection } from '../runtime/postgres-connection.ts';

/** A small pool for the harness's own queries against the environment's database. */
export interface SqlClient extends AsyncDisposable {
  query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]>;
}

export function createSqlClient(variables: Record<string, string>): SqlClient {
  const pool = new pg.Pool({
    ...postgresConnection(variables, 'app', 'firedrill-harness'),
    max: 2,
    connectionTimeoutMillis: 2000,
    query_timeout: 5000,
  });
  pool.on('error', () => {}); // a killed server surfaces on the next query instead
  return {
    async query(text, values) {
      return (await pool.query(text, values)).rows;
    },
    [Symbol.asyncDispose]: () => pool.end(),
  };
}
