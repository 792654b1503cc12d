/**
 * The backup store on the local runtime (backup-store.ts): the sandbox's `backups` dir, private to the harness's
 * user (the backups hold the data), and with postgres its `wal` dir, the WAL archive, which the server's
 * archive_command writes as the `postgres` user: owned by it, reached through `backups` (search only).
 * It is off the system's hosts: Environment.loseEverything() leaves it.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { backupDirIn, walArchiveDirIn } from '../backup-store.ts';
import { chownToPostgres, letPostgresThrough } from './postgres-server.ts';

export async function createLocalBackupStore(sandboxDir: string, withPostgres: boolean): Promise<void> {
  const backups = backupDirIn(sandboxDir);
  await mkdir(backups, { mode: 0o700 });
  await chmod(backups, 0o700);
  if (!withPostgres) return;
  await letPostgresThrough(backups);
  const wal = walArchiveDirIn(sandboxDir);
  await mkdir(wal, { mode: 0o700 });
  await chmod(wal, 0o700);
  await chownToPostgres(wal);
}
