/**
 * Reads the history back. The work grows with the window and the number of
 * distinct findings, not with the number of runs stored: each scenario's last
 * N runs come through the (scenario_id, run, verdict) index, and each
 * finding's first and last sighting and its scenario's runs since are counted
 * by SQLite. "Since" is by scenario run, in the order appended: with
 * --repeat, a later repeat in the same run counts. Skipped scenario runs are
 * left out everywhere: they prove nothing.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Verdict } from '../runner/judge.ts';
import type { Sighting, StoredFinding } from './finding-status.ts';
import type { MeasurementRecord, Metric } from './run-record.ts';
import type { ScenarioRun } from './scenario-run.ts';

export interface StoredRun {
  readonly runId: string;
  readonly startedAt: string;
}

export interface HistoryRows {
  readonly runCount: number;
  readonly firstRun?: StoredRun;
  readonly latestRun?: StoredRun;
  /** Every scenario id in the history, skipped-only ones included, sorted. */
  readonly scenarioIds: readonly string[];
  /** By scenario id (only `scenarioId` when asked for one): its last N runs, oldest first. */
  readonly windows: ReadonlyMap<string, readonly ScenarioRun[]>;
  /** Every finding of the scenarios asked for, over the whole history. */
  readonly findings: readonly StoredFinding[];
  /** Scenarios (of those asked for) only ever skipped: not applicable on the runtimes they were run on. */
  readonly skippedOnly: readonly string[];
}

/** `throughSeq`: as the history stood after that run (a report of an older run shows the runs up to it). */
export function readHistory(db: DatabaseSync, last: number, scenarioId?: string, throughSeq = Number.MAX_SAFE_INTEGER): HistoryRows {
  const ids = (sql: string, ...params: SQLInputValue[]) =>
    db
      .prepare(sql)
      .all(...params)
      .map((row) => String(row.scenario_id));
  const scenarioIds = ids('SELECT DISTINCT scenario_id FROM scenario_runs ORDER BY 1');
  const asked = scenarioId === undefined ? scenarioIds : scenarioIds.filter((id) => id === scenarioId);
  const windows = new Map<string, ScenarioRun[]>();
  for (const id of asked) {
    const window = readWindow(db, id, last, throughSeq);
    if (window.length > 0) windows.set(id, window);
  }
  return {
    ...runSpan(db),
    scenarioIds,
    windows,
    findings: asked.flatMap((id) => readFindings(db, id, throughSeq)),
    skippedOnly: asked.filter((id) => !windows.has(id)),
  };
}

function readWindow(db: DatabaseSync, scenarioId: string, last: number, throughSeq: number): ScenarioRun[] {
  const rows = db
    .prepare(
      `SELECT w.id, w.run, w.verdict, r.run_id, r.started_at, m.metric, m.measured, m.target, m.met
       FROM (SELECT id, run, verdict FROM scenario_runs WHERE scenario_id = ? AND run <= ? AND verdict != 'skipped' ORDER BY run DESC LIMIT ?) w
       JOIN runs r ON r.id = w.run LEFT JOIN measurements m ON m.scenario_run = w.id
       ORDER BY w.run, w.id`,
    )
    .all(scenarioId, throughSeq, last);
  const runs = new Map<number, ScenarioRun & { measurements: MeasurementRecord[] }>();
  for (const row of rows) {
    const id = Number(row.id);
    let run = runs.get(id);
    if (!run) {
      run = {
        seq: Number(row.run),
        runId: String(row.run_id),
        startedAt: String(row.started_at),
        verdict: row.verdict as Verdict,
        measurements: [],
      };
      runs.set(id, run);
    }
    if (row.metric !== null)
      run.measurements.push({
        metric: row.metric as Metric,
        measured: row.measured as number | null,
        target: Number(row.target),
        met: row.met === null ? null : row.met === 1,
      });
  }
  return [...runs.values()];
}

function readFindings(db: DatabaseSync, scenarioId: string, throughSeq: number): StoredFinding[] {
  const rows = db
    .prepare(
      `WITH seen AS (
         SELECT f.key, COUNT(*) AS occurrences, MIN(s.id) AS first_sr, MAX(s.id) AS last_sr
         FROM scenario_runs s JOIN findings f ON f.scenario_run = s.id
         WHERE s.scenario_id = $scenario AND s.run <= $through AND s.verdict = 'failed' GROUP BY f.key)
       SELECT seen.key, seen.occurrences, a.id AS first_run, b.id AS last_run,
              a.run_id AS first_run_id, a.started_at AS first_started_at, b.run_id AS last_run_id, b.started_at AS last_started_at,
              (SELECT reason FROM findings WHERE scenario_run = seen.last_sr AND key = seen.key) AS reason,
              (SELECT COUNT(*) FROM scenario_runs s WHERE s.scenario_id = $scenario AND s.id > seen.last_sr AND s.run <= $through
                AND s.verdict != 'skipped') AS runs_since,
              (SELECT COUNT(*) FROM scenario_runs s WHERE s.scenario_id = $scenario AND s.id > seen.last_sr AND s.run <= $through
                AND s.verdict = 'passed') AS passes_since
       FROM seen JOIN scenario_runs fa ON fa.id = seen.first_sr JOIN runs a ON a.id = fa.run
                 JOIN scenario_runs fb ON fb.id = seen.last_sr JOIN runs b ON b.id = fb.run
       ORDER BY seen.last_sr DESC, seen.key`,
    )
    .all({ scenario: scenarioId, through: throughSeq });
  const sighting = (seq: unknown, runId: unknown, startedAt: unknown): Sighting => ({
    seq: Number(seq),
    runId: String(runId),
    startedAt: String(startedAt),
  });
  return rows.map((row) => ({
    scenarioId,
    key: String(row.key),
    reason: String(row.reason),
    firstSeen: sighting(row.first_run, row.first_run_id, row.first_started_at),
    lastSeen: sighting(row.last_run, row.last_run_id, row.last_started_at),
    occurrences: Number(row.occurrences),
    runsSince: Number(row.runs_since),
    passesSince: Number(row.passes_since),
  }));
}

/** The position of a run in the history; undefined when it was not appended (--no-history, another file). */
export function runSeq(db: DatabaseSync, runId: string): number | undefined {
  const row = db.prepare('SELECT id FROM runs WHERE run_id = ?').get(runId);
  return row ? Number(row.id) : undefined;
}

function runSpan(db: DatabaseSync): Pick<HistoryRows, 'runCount' | 'firstRun' | 'latestRun'> {
  const at = (order: 'ASC' | 'DESC') => {
    const row = db.prepare(`SELECT run_id, started_at FROM runs ORDER BY id ${order} LIMIT 1`).get();
    return row ? { runId: String(row.run_id), startedAt: String(row.started_at) } : undefined;
  };
  const runCount = Number(db.prepare('SELECT COUNT(*) AS n FROM runs').get()?.n ?? 0);
  const firstRun = at('ASC');
  const latestRun = at('DESC');
  return { runCount, ...(firstRun ? { firstRun } : {}), ...(latestRun ? { latestRun } : {}) };
}
