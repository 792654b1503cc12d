import type { DatabaseSync } from 'node:sqlite';
import type { RunRecord } from './run-record.ts';

/** Appends one run, its scenarios, measurements and findings, in one transaction: all of it or nothing. */
export function appendRun(db: DatabaseSync, run: RunRecord): void {
  const insertRun = db.prepare(
    `INSERT INTO runs (run_id, started_at, finished_at, harness_version, harness_commit, runbook_sha256, runbook_version, runtime, host, exit_code, verdict)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertScenario = db.prepare('INSERT INTO scenario_runs (run, scenario_id, verdict, reasons) VALUES (?, ?, ?, ?)');
  const insertMeasurement = db.prepare('INSERT INTO measurements (scenario_run, metric, measured, target, met) VALUES (?, ?, ?, ?, ?)');
  const insertFinding = db.prepare('INSERT INTO findings (scenario_run, key, reason) VALUES (?, ?, ?)');
  db.exec('BEGIN IMMEDIATE');
  try {
    const runRow = insertRun.run(
      run.runId,
      run.startedAt,
      run.finishedAt,
      run.harnessVersion,
      run.harnessCommit,
      run.runbookSha256,
      run.runbookVersion,
      run.runtime,
      run.host,
      run.exitCode,
      run.verdict,
    ).lastInsertRowid;
    for (const scenario of run.scenarios) {
      const scenarioRow = insertScenario.run(runRow, scenario.id, scenario.verdict, JSON.stringify(scenario.reasons)).lastInsertRowid;
      for (const m of scenario.measurements)
        insertMeasurement.run(scenarioRow, m.metric, m.measured, m.target, m.met === null ? null : Number(m.met));
      for (const f of scenario.findings) insertFinding.run(scenarioRow, f.key, f.reason);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
