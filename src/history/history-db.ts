/**
 * Opening the run history: a SQLite file through Node's built-in node:sqlite
 * (no native addon, no dependency), in WAL mode so `firedrill history` reads
 * while a run appends, with a busy timeout so a writer waits briefly for
 * another instead of failing at once. Opening migrates the file to the
 * current schema (history-schema.ts).
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './history-schema.ts';

/** How long a writer waits for another's lock before giving up (SQLITE_BUSY). */
export const busyTimeoutMs = 2000;

/** Where runs are appended when no other file is named (--history, --db, FIREDRILL_HISTORY): `<report-dir>/history.sqlite`. */
export function defaultHistoryPath(reportDir = 'reports'): string {
  return join(reportDir, 'history.sqlite');
}

/**
 * Opens (creating the file when missing; its directory must exist) and migrates, to `upTo` when given (a test building
 * an older file); throws what SQLite says, for the caller to name the file.
 */
export function openHistory(file: string, upTo?: number): DatabaseSync {
  const db = new DatabaseSync(file, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true, open: true });
  try {
    db.exec('PRAGMA journal_mode = WAL');
    migrate(db, file, upTo);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
