/**
 * The history database's schema, versioned by SQLite's `user_version` pragma:
 * migration i takes a file from version i to i + 1, each applied once, in
 * order, in one transaction with its version bump, so a file is never left
 * between two versions. A file newer than this firedrill knows is refused,
 * never rewritten.
 *
 *   runs 1──n scenario_runs 1──n measurements   (detect, recovery, rto, dataLoss against their targets)
 *                           1──n findings       (a failed scenario's reasons, each with its stable key)
 *
 * Chronology is the order runs were appended (runs.id).
 */
import type { DatabaseSync } from 'node:sqlite';
import { backfillFindings } from './backfill-findings.ts';

export interface Migration {
  readonly sql: string;
  /** Moves the data the new version holds differently, in the same transaction. */
  readonly fill?: (db: DatabaseSync) => void;
}

export const migrations: readonly Migration[] = [
  // 1: runs and their scenarios, the reasons kept as JSON.
  {
    sql: `CREATE TABLE runs (
     id INTEGER PRIMARY KEY,
     run_id TEXT NOT NULL UNIQUE,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     harness_version TEXT NOT NULL,
     harness_commit TEXT NOT NULL,
     runbook_sha256 TEXT,
     runbook_version TEXT,
     runtime TEXT NOT NULL,
     host TEXT NOT NULL,
     exit_code INTEGER NOT NULL,
     verdict TEXT NOT NULL
   );
   CREATE TABLE scenario_runs (
     id INTEGER PRIMARY KEY,
     run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     scenario_id TEXT NOT NULL,
     verdict TEXT NOT NULL,
     reasons TEXT NOT NULL
   );
   CREATE INDEX scenario_runs_by_scenario ON scenario_runs(scenario_id, run, verdict);
   CREATE TABLE measurements (
     scenario_run INTEGER NOT NULL REFERENCES scenario_runs(id) ON DELETE CASCADE,
     metric TEXT NOT NULL,
     measured REAL,
     target REAL NOT NULL,
     met INTEGER,
     PRIMARY KEY (scenario_run, metric)
   ) WITHOUT ROWID;`,
  },
  // 2: findings by stable key, so the same finding is found across runs; filled in from the reasons kept by version 1.
  {
    sql: `CREATE TABLE findings (
     scenario_run INTEGER NOT NULL REFERENCES scenario_runs(id) ON DELETE CASCADE,
     key TEXT NOT NULL,
     reason TEXT NOT NULL,
     PRIMARY KEY (scenario_run, key)
   ) WITHOUT ROWID;
   CREATE INDEX findings_by_key ON findings(key);`,
    fill: backfillFindings,
  },
];

export const schemaVersion = migrations.length;

export class HistorySchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistorySchemaError';
  }
}

/** Brings the file to `schemaVersion`, or to `upTo` (a test building an older file). */
export function migrate(db: DatabaseSync, file: string, upTo = schemaVersion): void {
  const version = userVersion(db);
  if (version > schemaVersion)
    throw new HistorySchemaError(
      `${file} has history schema version ${version}, newer than this firedrill's ${schemaVersion}; use a newer firedrill, or another file`,
    );
  for (let next = version + 1; next <= upTo; next++) {
    const migration = migrations[next - 1]!;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      migration.fill?.(db);
      db.exec(`PRAGMA user_version = ${next}`);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}

export function userVersion(db: DatabaseSync): number {
  return Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
}
