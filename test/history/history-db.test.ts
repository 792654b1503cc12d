import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRun } from '../../src/history/append-run.ts';
import { findingHistory } from '../../src/history/finding-status.ts';
import { busyTimeoutMs, openHistory } from '../../src/history/history-db.ts';
import { HistorySchemaError, schemaVersion, userVersion } from '../../src/history/history-schema.ts';
import { readHistory } from '../../src/history/read-history.ts';
import { recordRun } from '../../src/history/record-run.ts';
import { runRecord } from '../../src/history/run-record.ts';
import type { Verdict } from '../../src/runner/judge.ts';
import { everyVerdict, handMadeEvidence, handMadeResult } from '../support/hand-made-evidence.ts';

// The history on a real SQLite file in a temp dir, through node:sqlite.
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-history-'));
  file = join(dir, 'history.sqlite');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const count = (db: DatabaseSync, table: string) => Number(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n);

/** A run of one scenario, `redis-outage`, with this verdict and reasons; run ids in order. */
function runOf(n: number, verdict: Verdict, reasons: string[] = []) {
  const evidence = handMadeEvidence([handMadeResult({ id: 'redis-outage', verdict, reasons })]);
  return { ...evidence, runId: `run-${String(n).padStart(3, '0')}`, startedAt: `2026-12-02T08:${String(n).padStart(2, '0')}:00.000Z` };
}

describe('appending a run', () => {
  it('keeps the run, each scenario with its targets and measurements, and a failed one’s reasons as findings, in WAL mode', () => {
    expect(recordRun(file, handMadeEvidence(everyVerdict), 1)).toBeUndefined();
    using db = openHistory(file);
    expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    expect(userVersion(db)).toBe(schemaVersion);
    expect(db.prepare('SELECT run_id, harness_commit, runbook_sha256, runtime, exit_code, verdict FROM runs').all()).toEqual([
      expect.objectContaining({
        run_id: '2026-12-02T08-00-00-000Z-ab12',
        harness_commit: '1ae7218aaaabbbbccccddddeeeeffff000011112-dirty',
        runbook_sha256: 'b'.repeat(64),
        runtime: 'local',
        exit_code: 1,
        verdict: 'failed',
      }),
    ]);
    expect(
      db
        .prepare('SELECT scenario_id, verdict FROM scenario_runs ORDER BY id')
        .all()
        .map((r) => `${r.scenario_id} ${r.verdict}`),
    ).toEqual(everyVerdict.map((r) => `${r.id} ${r.verdict}`));
    expect(
      db
        .prepare(
          "SELECT metric, measured, target, met FROM measurements JOIN scenario_runs s ON s.id = scenario_run WHERE s.scenario_id = 'postgres-failover'",
        )
        .all()
        .map((r) => ({ ...r })),
    ).toEqual(
      expect.arrayContaining([
        { metric: 'detect', measured: 2100, target: 5000, met: 1 },
        { metric: 'recovery', measured: 41_000, target: 30_000, met: 0 },
        { metric: 'dataLoss', measured: 2, target: 0, met: 0 },
      ]),
    );
    expect(
      db
        .prepare('SELECT reason FROM findings ORDER BY reason')
        .all()
        .map((r) => r.reason),
    ).toEqual(['recovered after 41000 ms, target 30000 ms', 'step "pg.promote" exited 1']);
  });

  it('is one transaction: a run that cannot be stored whole leaves nothing of itself', () => {
    using db = openHistory(file);
    const record = runRecord(handMadeEvidence(), 1);
    const [first, ...rest] = record.scenarios;
    // The same finding key twice in one scenario run breaks the findings' primary key after the run and scenario rows went in.
    const broken = {
      ...record,
      scenarios: [
        ...rest,
        {
          ...first!,
          verdict: 'failed' as const,
          findings: [
            { key: 'k', reason: 'a' },
            { key: 'k', reason: 'b' },
          ],
        },
      ],
    };
    expect(() => appendRun(db, broken)).toThrow(/UNIQUE constraint failed: findings/);
    expect([count(db, 'runs'), count(db, 'scenario_runs'), count(db, 'measurements'), count(db, 'findings')]).toEqual([0, 0, 0, 0]);
    appendRun(db, record);
    expect(count(db, 'runs')).toBe(1);
  });

  it('warns naming the file when another writer holds it past the busy timeout, and the run can be appended once it lets go', {
    timeout: 20_000,
  }, () => {
    openHistory(file).close();
    const holder = new DatabaseSync(file);
    holder.exec('BEGIN EXCLUSIVE');
    const started = performance.now();
    const warning = recordRun(file, handMadeEvidence(), 0);
    const waitedMs = performance.now() - started;
    expect(warning).toMatch(
      /^warning: run 2026-12-02T08-00-00-000Z-ab12 not added to the history .*history\.sqlite \(database is locked\); its evidence and exit code stand/,
    );
    expect(waitedMs).toBeGreaterThanOrEqual(busyTimeoutMs - 50); // it waited for the other writer before giving up (50 ms: timer granularity)
    holder.exec('ROLLBACK');
    holder.close();
    expect(recordRun(file, handMadeEvidence(), 0)).toBeUndefined();
  });

  it('warns naming the file when it is not a database, and leaves it as it was', async () => {
    const garbage = 'these are not the bytes of a SQLite database\n'.repeat(200);
    await writeFile(file, garbage);
    const warning = recordRun(file, handMadeEvidence(), 0);
    expect(warning).toContain(`not added to the history ${file} (file is not a database)`);
    expect(warning).toContain('move it aside (a new one is started), or pass --no-history');
    expect(await readFile(file, 'utf8')).toBe(garbage);
  });
});

describe('the schema version', () => {
  it('migrates a version-1 file (reasons kept as JSON, no findings table) to the current one, filling in its findings', () => {
    {
      using v1 = openHistory(file, 1);
      expect(userVersion(v1)).toBe(1);
      expect(v1.prepare("SELECT name FROM sqlite_master WHERE name = 'findings'").get()).toBeUndefined();
      v1.exec(`INSERT INTO runs (id, run_id, started_at, harness_version, harness_commit, runtime, host, exit_code, verdict)
               VALUES (1, 'old-run', '2026-11-01T00:00:00.000Z', '0.1.0', 'abc', 'local', 'h', 1, 'failed')`);
      v1.exec(`INSERT INTO scenario_runs (id, run, scenario_id, verdict, reasons)
               VALUES (1, 1, 'redis-outage', 'failed', '["recovered after 41000 ms, target 30000 ms"]'),
                      (2, 1, 'redis-latency', 'aborted', '["steady state did not hold"]')`);
    }
    expect(recordRun(file, runOf(2, 'failed', ['recovered after 39000 ms, target 30000 ms']), 1)).toBeUndefined();
    using db = openHistory(file);
    expect(userVersion(db)).toBe(schemaVersion);
    const [finding] = readHistory(db, 20, 'redis-outage').findings;
    // The old run's reason and the new run's are one finding: seen first in the migrated run.
    expect(finding).toMatchObject({ occurrences: 2, firstSeen: { runId: 'old-run' }, lastSeen: { runId: 'run-002' } });
    expect(readHistory(db, 20, 'redis-latency').findings).toEqual([]); // an aborted run has no findings
  });

  it('refuses a file written by a newer firedrill, naming it, without touching it', () => {
    {
      using db = new DatabaseSync(file);
      db.exec(`PRAGMA user_version = ${schemaVersion + 1}`);
    }
    expect(() => openHistory(file)).toThrow(HistorySchemaError);
    expect(() => openHistory(file)).toThrow(
      `${file} has history schema version ${schemaVersion + 1}, newer than this firedrill's ${schemaVersion}`,
    );
    expect(recordRun(file, handMadeEvidence(), 0)).toContain('newer than this firedrill');
  });
});

describe('a finding across runs', () => {
  it('goes open → fixed → retested with passed runs, back to open when seen again, and stays open while the scenario does not pass', () => {
    const late = (ms: number) => `recovered after ${ms} ms, target 30000 ms`;
    const steps: [Verdict, string[], string][] = [
      ['failed', [late(41_000)], 'open'],
      ['passed', [], 'fixed'],
      ['skipped', [], 'fixed'], // a skipped run is not counted
      ['passed', [], 'retested'],
      ['failed', [late(35_000)], 'open'], // seen again
      ['failed', ['step "redis.restart" exited 1'], 'open'], // failing otherwise shows no fix
      ['aborted', [], 'open'],
      ['passed', [], 'fixed'],
    ];
    steps.forEach(([verdict, reasons, expected], i) => {
      expect(recordRun(file, runOf(i + 1, verdict, reasons), 0)).toBeUndefined();
      using db = openHistory(file);
      const finding = readHistory(db, 20).findings.find((f) => f.reason.startsWith('recovered after'));
      expect({
        run: i + 1,
        status: finding && findingHistory(finding).status,
      }).toEqual({
        run: i + 1,
        status: expected,
      });
    });
    using db = openHistory(file);
    const findings = readHistory(db, 20).findings;
    expect(findings.find((f) => f.reason.startsWith('recovered after'))).toEqual({
      scenarioId: 'redis-outage',
      key: expect.stringMatching(/^[0-9a-f]{16}$/),
      reason: late(35_000), // worded as its latest run had it
      firstSeen: { seq: 1, runId: 'run-001', startedAt: '2026-12-02T08:01:00.000Z' },
      lastSeen: { seq: 5, runId: 'run-005', startedAt: '2026-12-02T08:05:00.000Z' },
      occurrences: 2,
      runsSince: 3,
      passesSince: 1,
    });
  });
});

describe('a finding within one run of repeats (--repeat)', () => {
  it('counts the repeats after the one that failed as runs since', () => {
    const repeats = ['failed', 'passed', 'passed'] as const;
    const evidence = handMadeEvidence(
      repeats.map((verdict) =>
        handMadeResult({ id: 'redis-outage', verdict, reasons: verdict === 'failed' ? ['recovered after 41000 ms, target 30000 ms'] : [] }),
      ),
    );
    expect(recordRun(file, evidence, 1)).toBeUndefined();
    using db = openHistory(file);
    const [finding] = readHistory(db, 20).findings;
    expect(finding && findingHistory(finding)).toMatchObject({
      status: 'retested',
      occurrences: 1,
      runsSince: 2,
      passesSince: 2,
    });
  });
});

describe('reading the window', () => {
  it('takes each scenario’s last N runs, skipped ones left out, and names the scenarios only ever skipped', () => {
    for (let i = 1; i <= 5; i++) expect(recordRun(file, runOf(i, i === 4 ? 'skipped' : 'passed'), 0)).toBeUndefined();
    expect(recordRun(file, handMadeEvidence([handMadeResult({ id: 'pm2-double-spawn', verdict: 'skipped' })]), 3)).toBeUndefined();
    using db = openHistory(file);
    const rows = readHistory(db, 3);
    expect(rows.runCount).toBe(6);
    expect(rows.windows.get('redis-outage')?.map((r) => r.runId)).toEqual(['run-002', 'run-003', 'run-005']);
    expect(
      rows.windows
        .get('redis-outage')?.[0]
        ?.measurements.map((m) => m.metric)
        .sort(),
    ).toEqual(['dataLoss', 'detect', 'recovery']);
    expect(rows.skippedOnly).toEqual(['pm2-double-spawn']);
    expect(rows.scenarioIds).toEqual(['pm2-double-spawn', 'redis-outage']);
    expect(readHistory(db, 3, 'redis-outage').skippedOnly).toEqual([]);
  });
});
