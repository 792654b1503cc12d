/**
 * Who holds PostgreSQL's connection slots, from pg_stat_activity (read as the
 * superuser, who still gets in when the server is full). A non-superuser is
 * refused (53300) once the client backends reach max_connections minus
 * superuser_reserved_connections; the probe holds while they have not.
 */
import type { Environment } from '../runtime/runtime.ts';
import { adminQuery } from './admin-query.ts';
import type { Probe } from './probe.ts';

export interface SlotHolder {
  readonly user: string;
  readonly application: string;
  readonly state: string;
  readonly count: number;
}

export interface ConnectionSlots {
  readonly maxConnections: number;
  readonly reservedForSuperusers: number;
  /** Client backends of every role, the reading session left out. */
  readonly used: number;
  readonly holders: readonly SlotHolder[];
}

interface SlotsRow {
  max: string;
  reserved: string;
  holders: { usename: string | null; application_name: string | null; state: string | null; n: number }[];
}

export async function connectionSlots(env: Environment): Promise<ConnectionSlots> {
  const [row] = await adminQuery<SlotsRow>(
    env,
    `SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved,
            coalesce(json_agg(h), '[]') AS holders
     FROM (SELECT usename, application_name, state, count(*) AS n FROM pg_stat_activity
           WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
           GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3) h`,
  );
  const holders = row!.holders.map((h) => ({
    user: h.usename ?? '?',
    application: h.application_name || '(none)',
    state: h.state ?? '?',
    count: h.n,
  }));
  return {
    maxConnections: Number(row!.max),
    reservedForSuperusers: Number(row!.reserved),
    used: holders.reduce((sum, h) => sum + h.count, 0),
    holders,
  };
}

export function describeSlots(slots: ConnectionSlots): string {
  const open = slots.maxConnections - slots.reservedForSuperusers;
  const holders = slots.holders.map((h) => `${h.user} ${h.application} ${h.state} ${h.count}`).join(', ');
  return (
    `${slots.used} connections in use; non-superusers are refused from ${open} on ` +
    `(max_connections ${slots.maxConnections}, ${slots.reservedForSuperusers} reserved for superusers): ${holders}`
  );
}

/** Holds while PostgreSQL still has a slot for a non-superuser; the detail says who holds them. */
export function postgresConnectionSlotsFree(): Probe {
  return {
    name: 'PostgreSQL has a connection slot free for non-superusers',
    uses: { services: ['postgres'] },
    async observe({ env }) {
      const slots = await connectionSlots(env);
      return { ok: slots.used < slots.maxConnections - slots.reservedForSuperusers, detail: describeSlots(slots) };
    },
  };
}
