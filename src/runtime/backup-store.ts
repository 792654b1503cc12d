/**
 * The backup store of an environment: where its backups go, off the system's hosts, so that it survives
 * Environment.loseEverything(). Every runtime puts it at the same place and gives runbook steps the same names:
 *
 *   $FIREDRILL_SANDBOX/backups        BACKUP_DIR       the backup scripts' target (fixtures/ats/ops)
 *   $FIREDRILL_SANDBOX/backups/wal    WAL_ARCHIVE_DIR  PostgreSQL's WAL archive (postgres only), filled by
 *                                                      archive_command (walArchivingSettings) segment by segment
 */
import { join } from 'node:path';
import { repoRoot } from '../repo-root.ts';

export const backupDirIn = (sandboxDir: string) => join(sandboxDir, 'backups');
export const walArchiveDirIn = (sandboxDir: string) => join(backupDirIn(sandboxDir), 'wal');

/** BACKUP_DIR always, WAL_ARCHIVE_DIR when the system has PostgreSQL. */
export function backupStoreVariables(sandboxDir: string, withPostgres: boolean): Record<string, string> {
  return { BACKUP_DIR: backupDirIn(sandboxDir), ...(withPostgres ? { WAL_ARCHIVE_DIR: walArchiveDirIn(sandboxDir) } : {}) };
}

/** The operator script PostgreSQL's archive_command runs: `archive-wal.sh %p %f DIR` (copies, fsyncs, never overwrites). */
export const archiveWalScript = join(repoRoot, 'fixtures', 'ats', 'ops', 'archive-wal.sh');

/** Seconds after which a WAL segment with any change in it is switched and archived: the most a drill loses of what was committed. */
export const archiveTimeoutS = 5;

/**
 * The settings of continuous archiving into `archiveDir` by `script` (paths as the server sees them), by name: for
 * `postgres -c name=value` (a container's arguments). Paths are put in the command as they are: anything a shell or
 * the config file would read specially is refused.
 */
export function walArchivingParameters(script: string, archiveDir: string): Record<string, string> {
  for (const path of [script, archiveDir]) {
    if (!/^[\w./+-]+$/.test(path))
      throw new Error(`Cannot archive WAL through ${path}: a path in archive_command must be plain (letters, digits, . / _ + -)`);
  }
  return { archive_mode: 'on', archive_command: `${script} %p %f ${archiveDir}`, archive_timeout: String(archiveTimeoutS) };
}

/** The same as postgresql.conf lines. */
export function walArchivingSettings(script: string, archiveDir: string): string[] {
  const { archive_mode, archive_command, archive_timeout } = walArchivingParameters(script, archiveDir);
  return [`archive_mode = ${archive_mode}`, `archive_command = '${archive_command}'`, `archive_timeout = ${archive_timeout}`];
}
