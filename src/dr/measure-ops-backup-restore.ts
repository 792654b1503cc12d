/**
 * The operators' scripts (fixtures/ats/ops, found through the environment's
 * ATS_OPS_DIR) timed as the runbook runs them, on the same environment and
 * database as the raw commands (measure-raw-backup-restore.ts), so that the
 * two compare: what the scripts add (checksums, pg_restore --list, the counts
 * after a restore, pg_verifybackup, packing) is their overhead.
 *
 *   logical   backup-postgres.sh DIR; restore-postgres.sh FILE into a new empty database
 *   physical  backup-postgres-base.sh DIR (as the superuser, a replication role);
 *             restore-postgres-base.sh FILE PGDATA; PostgreSQL started on it
 */
import { rm } from 'node:fs/promises';
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

export function measureOpsBackupRestore(env: Environment, dir: string, options: MeasureOptions = {}): Promise<BackupRestoreMeasurement> {
  return measureRoundTrips(env, dir, options, { logical: opsLogical, physical: opsPhysical });
}

async function opsLogical(run: CommandRunner, variables: Record<string, string>, dir: string): Promise<BackupRestoreTiming> {
  const backupDir = join(dir, 'ops');
  try {
    const backup = await run(script(variables, 'backup-postgres.sh'), [backupDir]);
    const dump = writtenFile(backup.stdout);
    return await logicalTiming(run, variables, backup, dump, (database) =>
      run(script(variables, 'restore-postgres.sh'), [dump], { PGDATABASE: database }),
    );
  } finally {
    await rm(backupDir, { recursive: true, force: true });
  }
}

async function opsPhysical(run: CommandRunner, variables: Record<string, string>, dir: string): Promise<PhysicalTiming> {
  const pgdata = join(dir, 'ops-pgdata');
  try {
    const backup = await run(script(variables, 'backup-postgres-base.sh'), [join(dir, 'ops-base')], asPostgresAdmin(variables));
    const tar = writtenFile(backup.stdout);
    const restore = await run(script(variables, 'restore-postgres-base.sh'), [tar, pgdata]);
    return await physicalTiming(run, variables, pgdata, {
      backupMs: backup.durationMs,
      restoreMs: restore.durationMs,
      backupBytes: await fileBytes(tar),
    });
  } finally {
    await rm(join(dir, 'ops-base'), { recursive: true, force: true });
    await rm(pgdata, { recursive: true, force: true });
  }
}

/** An operators' script, found through ATS_OPS_DIR as the runbook finds it. */
function script(variables: Record<string, string>, name: string): string {
  const dir = variables.ATS_OPS_DIR;
  if (!dir)
    throw new Error("The environment's variables have no ATS_OPS_DIR: the config's stepPaths must say where the operators' scripts are");
  return join(dir, name);
}

/** The file a backup script's success line names ("… written and verified: FILE (…"). */
function writtenFile(stdout: string): string {
  const file = /written and verified: (\S+)/.exec(stdout)?.[1];
  if (!file) throw new Error(`The backup script printed no "written and verified: FILE" line: ${stdout.trim() || '(nothing)'}`);
  return file;
}
