/**
 * The raw commands a backup and a restore come down to, timed on one
 * environment, as the baseline the operators' scripts are held to (issue 15:
 * the drill's overhead over them at most 1.3×):
 *
 *   logical   pg_dump -Fc to a file; pg_restore into a new empty database, with
 *             the flags restore-postgres.sh uses (--single-transaction, so no -j:
 *             like with like)
 *   physical  pg_basebackup --checkpoint=fast (tar, WAL streamed): backup-postgres-base.sh's
 *             own command (its --manifest-checksums=CRC32C is the default here); untar
 *             base.tar and pg_wal.tar into a new data directory (one timed command); PostgreSQL
 *             started on it (its sync of the directory, WAL replay)
 *
 * Files go under `dir`; each restored copy is removed once timed.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Environment } from '../runtime/runtime.ts';
import {
  type BackupRestoreMeasurement,
  type BackupRestoreTiming,
  fileBytes,
  logicalTiming,
  type MeasureOptions,
  measureRoundTrips,
  type PhysicalTiming,
  physicalTiming,
} from './backup-restore-measurement.ts';
import { asPostgresAdmin, type CommandRunner } from './timed-command.ts';

/** pg_restore's flags in restore-postgres.sh, less the checks the script adds around it. */
export const restoreFlags = ['--no-password', '--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error'];

export function measureRawBackupRestore(env: Environment, dir: string, options: MeasureOptions = {}): Promise<BackupRestoreMeasurement> {
  return measureRoundTrips(env, dir, options, { logical: rawLogical, physical: rawPhysical });
}

async function rawLogical(run: CommandRunner, variables: Record<string, string>, dir: string): Promise<BackupRestoreTiming> {
  const dump = join(dir, 'raw.dump');
  const backup = await run('pg_dump', ['--no-password', '--format=custom', `--file=${dump}`]);
  try {
    return await logicalTiming(run, variables, backup, dump, (database) =>
      run('pg_restore', [...restoreFlags, `--dbname=${database}`, '--', dump]),
    );
  } finally {
    await rm(dump, { force: true });
  }
}

const tars = (dir: string) => [join(dir, 'base.tar'), join(dir, 'pg_wal.tar')];

async function rawPhysical(run: CommandRunner, variables: Record<string, string>, dir: string): Promise<PhysicalTiming> {
  const base = join(dir, 'raw-base');
  const pgdata = join(dir, 'raw-pgdata');
  try {
    const backup = await run(
      'pg_basebackup',
      [`--pgdata=${base}`, '--format=tar', '--checkpoint=fast', '--wal-method=stream', '--no-password'],
      asPostgresAdmin(variables),
    );
    await mkdir(join(pgdata, 'pg_wal'), { recursive: true, mode: 0o700 });
    // One command, as restore-postgres-base.sh's one tar: settled between the two, the data directory would be on
    // disk before PostgreSQL starts, and its start (which syncs the whole directory first) would not be comparable.
    const unpack = await run('sh', ['-c', 'tar -C "$1" -xf "$2" && tar -C "$1/pg_wal" -xf "$3"', 'unpack', pgdata, ...tars(base)]);
    return await physicalTiming(run, variables, pgdata, {
      backupMs: backup.durationMs,
      restoreMs: unpack.durationMs,
      backupBytes: await fileBytes(...tars(base)),
    });
  } finally {
    await rm(base, { recursive: true, force: true });
    await rm(pgdata, { recursive: true, force: true });
  }
}
