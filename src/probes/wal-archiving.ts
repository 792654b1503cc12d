/**
 * Continuous WAL archiving works: PostgreSQL's archiver (pg_stat_archiver) archived a segment recently and has not
 * failed since. What it catches: an archive_command that fails on every try (a clean cluster whose segment names are
 * already in the archive, an archive gone read-only or missing), which leaves a point-in-time recovery with nothing
 * after the last archived segment, while the database itself answers as usual.
 * Times are the server's own (now() against last_archived_time), so the harness's clock does not enter.
 */
import { adminQuery } from './admin-query.ts';
import type { Observation, Probe } from './probe.ts';

/** pg_stat_archiver's row, with the ages computed by the server (ms, null when never). */
export interface ArchiverState {
  readonly archivedCount: number;
  readonly lastArchivedWal: string | null;
  readonly lastArchivedAgoMs: number | null;
  readonly failedCount: number;
  readonly lastFailedWal: string | null;
  readonly lastFailedAgoMs: number | null;
}

export function walArchivingWorks(withinMs: number): Probe {
  return {
    name: `PostgreSQL archived a WAL segment within the last ${withinMs} ms, with no archiving failure since`,
    uses: { services: ['postgres'] },
    async observe({ env }) {
      const [row] = await adminQuery<Record<keyof ArchiverState, string | null>>(
        env,
        `SELECT archived_count AS "archivedCount", last_archived_wal AS "lastArchivedWal",
                (extract(epoch FROM now() - last_archived_time) * 1000)::bigint AS "lastArchivedAgoMs",
                failed_count AS "failedCount", last_failed_wal AS "lastFailedWal",
                (extract(epoch FROM now() - last_failed_time) * 1000)::bigint AS "lastFailedAgoMs"
         FROM pg_stat_archiver`,
      );
      const number = (value: string | null | undefined) => (value === null || value === undefined ? null : Number(value));
      return judgeArchiver(
        {
          archivedCount: number(row?.archivedCount) ?? 0,
          lastArchivedWal: row?.lastArchivedWal ?? null,
          lastArchivedAgoMs: number(row?.lastArchivedAgoMs),
          failedCount: number(row?.failedCount) ?? 0,
          lastFailedWal: row?.lastFailedWal ?? null,
          lastFailedAgoMs: number(row?.lastFailedAgoMs),
        },
        withinMs,
      );
    },
  };
}

/** Holds when the last success is within `withinMs` and no failure is as recent as it (a failure at the same instant counts). */
export function judgeArchiver(state: ArchiverState, withinMs: number): Observation {
  const archived =
    state.lastArchivedAgoMs === null
      ? 'nothing archived since the statistics were reset'
      : `last archived ${state.lastArchivedWal} ${ago(state.lastArchivedAgoMs)}`;
  const failed = state.lastFailedAgoMs === null ? 'no failure' : `last failed ${state.lastFailedWal} ${ago(state.lastFailedAgoMs)}`;
  const detail = `${archived} (${state.archivedCount} archived); ${failed} (${state.failedCount} failed)`;
  if (state.lastArchivedAgoMs === null || state.lastArchivedAgoMs > withinMs)
    return { ok: false, detail: `no WAL segment archived within ${withinMs} ms: ${detail}` };
  if (state.lastFailedAgoMs !== null && state.lastFailedAgoMs <= state.lastArchivedAgoMs)
    return { ok: false, detail: `archiving failed after its last success: ${detail}` };
  return { ok: true, detail };
}

const ago = (ms: number) => `${(ms / 1000).toFixed(1)} s ago`;
