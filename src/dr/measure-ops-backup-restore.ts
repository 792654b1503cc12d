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
import { readFile, rm } from 'node:fs/promises';
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
import { traceTimings, tracedScript } from './script-trace.ts';
import { asPostgresAdmin, type CommandRunner, type TimedCommand } from './timed-command.ts';

export function measureOpsBackupRestore(env: Environment, dir: string, options: MeasureOptions = {}): Promise<BackupRestoreMeasurement> {
  return measureRoundTrips(env, dir, options, { logical: opsLogical, physical: opsPhysical });
}

async function opsLogical(
  run: CommandRunner,
  variables: Record<string, string>,
  dir: string,
  options: MeasureOptions,
): Promise<BackupRestoreTiming> {
  const script = scriptRunner(run, variables, dir, options);
  const backupDir = join(dir, 'ops');
  try {
    const backup = await script('backup-postgres.sh', [backupDir]);
    const dump = writtenFile(backup.stdout);
    return await logicalTiming(run, variables, backup, dump, (database) => script('restore-postgres.sh', [dump], { PGDATABASE: database }));
  } finally {
    await rm(backupDir, { recursive: true, force: true });
  }
}

async function opsPhysical(
  run: CommandRunner,
  variables: Record<string, string>,
  dir: string,
  options: MeasureOptions,
): Promise<PhysicalTiming> {
  const script = scriptRunner(run, variables, dir, options);
  const pgdata = join(dir, 'ops-pgdata');
  try {
    const backup = await script('backup-postgres-base.sh', [join(dir, 'ops-base')], asPostgresAdmin(variables));
    const tar = writtenFile(backup.stdout);
    const restore = await script('restore-postgres-base.sh', [tar, pgdata]);
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

/**
 * Runs an operators' script, found through ATS_OPS_DIR as the runbook finds it; traced (its trace file beside
 * the backups, read and removed) when someone listens for the trace.
 */
function scriptRunner(run: CommandRunner, variables: Record<string, string>, dir: string, options: MeasureOptions) {
  const opsDir = variables.ATS_OPS_DIR;
  if (!opsDir) {
    throw new Error("The environment's variables have no ATS_OPS_DIR: the config's stepPaths must say where the operators' scripts are");
  }
  return async (name: string, args: string[], overrides?: Record<string, string>): Promise<TimedCommand> => {
    const path = join(opsDir, name);
    if (!options.onScriptTrace) return run(path, args, overrides);
    const traceFile = join(dir, `.${name}.trace`);
    try {
      const result = await run('bash', ['-c', tracedScript, path, traceFile, ...args], overrides);
      options.onScriptTrace(name, result.durationMs, traceTimings(await readFile(traceFile, 'utf8'), Date.now() / 1000));
      return result;
    } finally {
      await rm(traceFile, { force: true });
    }
  };
}

/** The file a backup script's success line names ("… written and verified: FILE (…"). */
function writtenFile(stdout: string): string {
  const file = /written and verified: (\S+)/.exec(stdout)?.[1];
  if (!file) throw new Error(`The backup script printed no "written and verified: FILE" line: ${stdout.trim() || '(nothing)'}`);
  return file;
}
