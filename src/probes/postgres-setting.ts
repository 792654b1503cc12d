import { adminQuery } from './admin-query.ts';
import type { Probe } from './probe.ts';

/**
 * The configured value of setting `name` is the one in effect: holds unless a
 * changed value waits for a restart (ALTER SYSTEM on max_connections, say).
 * The detail says both: `max_connections = 100 in effect; 200 pending a restart`.
 * Read as the superuser (pg_file_settings is theirs), so it answers on a full server.
 */
export function postgresSettingInEffect(name: string): Probe {
  return {
    name: `${name}: the configured value is in effect (no restart pending)`,
    uses: { services: ['postgres'] },
    async observe({ env }) {
      const [row] = await adminQuery<{ setting: string; pending_restart: boolean; configured: string | null }>(
        env,
        `SELECT s.setting, s.pending_restart,
                (SELECT f.setting FROM pg_file_settings f WHERE f.name = s.name ORDER BY f.seqno DESC LIMIT 1) AS configured
         FROM pg_settings s WHERE s.name = $1`,
        [name],
      );
      if (!row) return { ok: false, detail: `PostgreSQL has no setting named ${name}` };
      if (!row.pending_restart) return { ok: true, detail: `${name} = ${row.setting} in effect` };
      return { ok: false, detail: `${name} = ${row.setting} in effect; ${row.configured ?? 'a new value'} pending a restart` };
    },
  };
}
