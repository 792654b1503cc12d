import pg from 'pg';
import { postgresConnection } from '../runtime/postgres-connection.ts';
import { probeApplicationName } from './admin-query.ts';
import type { Probe } from './probe.ts';

/** A new connection as the application's role (PGUSER) is accepted; the detail carries the server's refusal (53300 when full). */
export function postgresAcceptsAppRole(): Probe {
  return {
    name: "PostgreSQL accepts a new connection as the application's role",
    uses: { services: ['postgres'] },
    async observe({ env }) {
      const config = postgresConnection(env.variables(), 'app', probeApplicationName);
      const client = new pg.Client(config);
      client.on('error', () => {});
      try {
        await client.connect();
        return { ok: true, detail: `${config.user} connected` };
      } catch (error) {
        const code = (error as { code?: string }).code;
        return { ok: false, detail: `${config.user} refused${code ? ` (${code})` : ''}: ${(error as Error).message}` };
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}
