/**
 * Waits until PostgreSQL's WAL archiver has caught up: no WAL file left
 * waiting for archive_command (no `.ready` file in pg_wal/archive_status). A
 * drill settles on it before each timed command: the WAL an earlier step wrote
 * (the seeding's, a restore's gigabyte) is archived a file at a time, and
 * measured here the reference's archive_command takes about 11 one-megabyte
 * segments a second, minutes of backlog after a seeding or a pg_restore,
 * every segment a bash, a copy and two syncs that shared the machine with the
 * command being timed (a base backup's restore took 4.6 s beside it, 1.8 s
 * without).
 *
 * An archiver that makes no progress for `stallMs` is reported, not waited
 * for: its archive_command is failing, and the drill's numbers would mean
 * nothing beside it.
 */
import { type Clock, systemClock } from '../clock/clock.ts';
import { formatDuration } from './format-duration.ts';

export interface ArchiverWaitOptions {
  /** Told, every `progressEveryMs`, how many files are still waiting, and when they are done if it was told. */
  readonly log?: (line: string) => void;
  readonly stallMs?: number;
  readonly pollMs?: number;
  readonly progressEveryMs?: number;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
}

/** The query for `backlog`: WAL files waiting to be archived (superuser or pg_monitor). */
export const archiverBacklogQuery = "SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'";

/** Polls `backlog` until it is 0; returns how long that took, in ms. */
export async function waitForArchiver(backlog: () => Promise<number>, options: ArchiverWaitOptions = {}): Promise<number> {
  const { log, stallMs = 30_000, pollMs = 200, progressEveryMs = 15_000, signal, clock = systemClock } = options;
  const started = clock.now();
  let waiting = await backlog();
  let fewest = waiting;
  let progressAt = started;
  let loggedAt = started;
  while (waiting > 0) {
    signal?.throwIfAborted();
    const now = clock.now();
    if (waiting < fewest) {
      fewest = waiting;
      progressAt = now;
    }
    if (now - progressAt >= stallMs) {
      throw new Error(
        `The WAL archiver archived nothing for ${formatDuration(now - progressAt)}: ${waiting} WAL file(s) wait for archive_command (see pg_stat_archiver's last_failed_wal and the server's log); the drill does not time commands beside a stuck archiver`,
      );
    }
    if (log && now - loggedAt >= progressEveryMs) {
      loggedAt = now;
      log(
        `  waiting for the WAL archiver before the next timed command: ${waiting} WAL file(s) left (${formatDuration(now - started)} so far)`,
      );
    }
    await clock.sleep(pollMs, signal);
    waiting = await backlog();
  }
  const waitedMs = clock.now() - started;
  if (log && loggedAt > started) log(`  the WAL archiver caught up after ${formatDuration(waitedMs)}`);
  return waitedMs;
}
