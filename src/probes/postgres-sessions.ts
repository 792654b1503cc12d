/**
 * PostgreSQL's client sessions, read as the superuser (who still gets in when
 * the server is full), and how many sessions the server has seen ended by an
 * operator (`pg_terminate_backend`) since its statistics were reset. Read
 * before and after a runbook step, the two tell which sessions it ended.
 */
import type { Environment } from '../runtime/runtime.ts';
import { adminQuery, probeApplicationName } from './admin-query.ts';
import { harnessApplicationName } from './sql-client.ts';

export interface PostgresSession {
  readonly pid: number;
  readonly user: string;
  readonly application: string;
  readonly state: string;
  /** backend_start, as PostgreSQL prints it: with the pid, a session's identity (pids are reused). */
  readonly started: string;
}

export interface PostgresSessions {
  /** Client backends, the harness's own connections left out (they come and go as it looks). */
  readonly sessions: readonly PostgresSession[];
  /** pg_stat_database.sessions_killed, summed over the databases: sessions ended by an operator. */
  readonly killed: number;
}

/** The connections the harness opens to look (its query pool, its probes): never a bystander of a step. */
export const harnessApplications: readonly string[] = [harnessApplicationName, probeApplicationName];

interface SessionsRow {
  killed: string;
  sessions: { pid: number; usename: string | null; application_name: string | null; state: string | null; backend_start: string }[];
}

export async function postgresSessions(env: Environment): Promise<PostgresSessions> {
  const [row] = await adminQuery<SessionsRow>(
    env,
    `SELECT (SELECT coalesce(sum(sessions_killed), 0) FROM pg_stat_database) AS killed,
            coalesce((SELECT json_agg(s ORDER BY s.pid) FROM (
              SELECT pid, usename, application_name, state, backend_start FROM pg_stat_activity
              WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND NOT (application_name = ANY($1::text[]))
            ) s), '[]') AS sessions`,
    [harnessApplications],
  );
  return {
    killed: Number(row!.killed),
    sessions: row!.sessions.map((s) => ({
      pid: s.pid,
      user: s.usename ?? '?',
      application: s.application_name || '(none)',
      state: s.state ?? '?',
      started: String(s.backend_start),
    })),
  };
}
