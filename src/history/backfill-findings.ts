import type { DatabaseSync } from 'node:sqlite';
import { findingKey } from './finding-key.ts';

/** Schema 2: a finding row for each distinct key among the reasons of every failed scenario run kept so far. */
export function backfillFindings(db: DatabaseSync): void {
  const insert = db.prepare('INSERT OR IGNORE INTO findings (scenario_run, key, reason) VALUES (?, ?, ?)');
  const failed = db.prepare("SELECT id, scenario_id, reasons FROM scenario_runs WHERE verdict = 'failed'").all();
  for (const row of failed) {
    for (const reason of JSON.parse(String(row.reasons)) as string[])
      insert.run(Number(row.id), findingKey(String(row.scenario_id), reason), reason);
  }
}
