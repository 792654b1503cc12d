import { adminQuery } from './admin-query.ts';
import type { Probe } from './probe.ts';

/**
 * Extension `name` is installed (created) in the environment's database, as
 * pg_extension says; read as the superuser so that it answers on a full server.
 * A step that only makes sense with the extension uses it as `onlyIf`.
 */
export function postgresExtensionInstalled(name: string): Probe {
  return {
    name: `extension ${name} is installed`,
    uses: { services: ['postgres'] },
    async observe({ env }) {
      const [row] = await adminQuery<{ installed: string | null; available: string | null }>(
        env,
        `SELECT (SELECT extversion FROM pg_extension WHERE extname = $1) AS installed,
                (SELECT default_version FROM pg_available_extensions WHERE name = $1) AS available`,
        [name],
      );
      if (row?.installed) return { ok: true, detail: `extension ${name} ${row.installed} is installed` };
      const available = row?.available ? `available (${row.available}) but not created in this database` : 'not available on this server';
      return { ok: false, detail: `extension ${name} is not installed: ${available}` };
    },
  };
}
