import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../src/history/history-db.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { firedrillIn } from '../support/firedrill-child.ts';
import { seedHistory } from '../support/seeded-history.ts';

// `firedrill history` as a user runs it, on a history seeded through the path a run appends by:
// 30 runs of two scenarios, one of them failing now and then.
let dir: string;
let db: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-history-cli-'));
  db = join(dir, 'history.sqlite');
  seedHistory(
    db,
    [
      { id: 'redis-outage', targets: { detectMs: 5000, recoveryMs: 30_000, dataLoss: 0 } },
      { id: 'dr-restore', targets: { detectMs: 5000, recoveryMs: 1_800_000, rtoMs: 1_800_000, dataLoss: 0 } },
    ],
    30,
    0.3,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const history = (...args: string[]) => firedrillIn(dir, 'history', ...args);

describe('firedrill history', () => {
  it('shows each scenario’s score with its inputs, sparklines with p50/p95 against the target, and the findings', async () => {
    const { exitCode, stdout, stderr } = await history('--db', db, '--last', '10');
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe("history: history.sqlite: 30 runs, 2026-01-01 00:00Z to 2026-01-02 05:00Z; each scenario's last 10 runs");
    expect(lines[1]).toMatch(/^resilience score \d+\.\d: the mean of 2 scenario scores \(each 100 × pass rate × timeliness;/);
    expect(stdout).toMatch(
      /\nredis-outage: score \d+\.\d = 100 × pass rate \d\.\d\d \(\d+ of 10\) × timeliness \d\.\d{3} \((detect|recovery) p95 \d+ ms of \d+ ms\)\n/,
    );
    expect(stdout).toMatch(/\n {2}detect {4}[▁▂▃▄▅▆▇█]{10} {2}p50 \d+ ms {2}p95 \d+ ms {2}target 5000 ms\n/);
    expect(stdout).toMatch(/\n {2}rto {7}[▁▂▃▄▅▆▇█]{10} {2}p50 \d+ ms {2}p95 \d+ ms {2}target 1800000 ms\n/); // dr-restore declares an RTO
    expect(stdout).toMatch(/\nfindings: \d+ open of \d+ \(open: no passed run since last seen; fixed: one; retested: two or more\)\n/);
    expect(stdout).toMatch(
      /\n {2}(open|fixed|retested) +(redis-outage|dr-restore): seen in \d+ run\(s\), first 2026-01-0\d \d\d:00Z, last /,
    );
  });

  it('--json gives the same as data, and --scenario narrows it to one', async () => {
    const { exitCode, stdout } = await history('--db', db, '--scenario', 'dr-restore', '--json');
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ last: 20, runCount: 30, skippedOnly: [] });
    expect(report.scenarios.map((s: { trend: { scenarioId: string } }) => s.trend.scenarioId)).toEqual(['dr-restore']);
    const [{ trend, score }] = report.scenarios;
    expect(trend.runs).toHaveLength(20);
    expect(trend.metrics.map((m: { metric: string }) => m.metric)).toEqual(['detect', 'recovery', 'rto']);
    expect(score.score).toBeCloseTo(100 * score.passRate * score.timeliness, 6);
    expect(report.findings.every((f: { scenarioId: string }) => f.scenarioId === 'dr-restore')).toBe(true);
  });

  it('exits 2 naming what is wrong: no history file, a scenario it never ran, not a database, a bad --last', async () => {
    const missing = await history('--db', join(dir, 'nothing-here.sqlite'));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(
      'firedrill: no run history at nothing-here.sqlite: no run has been recorded there (each firedrill run appends to ' +
        '<report-dir>/history.sqlite unless --no-history); name the file with --db FILE or FIREDRILL_HISTORY',
    );
    const unknown = await history('--db', db, '--scenario', 'redis-outtage');
    expect([unknown.exitCode, unknown.stderr]).toEqual([
      2,
      'firedrill: --scenario redis-outtage: no run of it in history.sqlite; scenarios in the history: dr-restore, redis-outage',
    ]);
    await writeFile(join(dir, 'notes.sqlite'), 'not a database at all\n'.repeat(100));
    const corrupt = await history('--db', join(dir, 'notes.sqlite'));
    expect([corrupt.exitCode, corrupt.stderr]).toEqual([
      2,
      'firedrill: notes.sqlite: not a run history firedrill can read (file is not a database)',
    ]);
    const zero = await history('--db', db, '--last', '0');
    expect([zero.exitCode, zero.stderr]).toEqual([2, 'firedrill: --last 0: expected a whole number of runs, 1 or more']);
  });

  it('says an empty history holds no run, exit 0, and reads the file FIREDRILL_HISTORY names', async () => {
    openHistory(join(dir, 'empty.sqlite')).close();
    const { exitCode, stdout } = await execa(process.execPath, [join(repoRoot, 'src', 'cli', 'main.ts'), 'history'], {
      cwd: dir,
      reject: false,
      env: { FIREDRILL_HISTORY: join(dir, 'empty.sqlite') },
    });
    expect([exitCode, stdout]).toEqual([0, 'history: empty.sqlite holds no run yet; firedrill run appends each run to it']);
  });

  it('--help says what it computes and its exit codes', async () => {
    const { stdout } = await history('--help');
    expect(stdout).toMatch(/--last <n> +how many of each scenario's latest runs/);
    expect(stdout).toContain(
      'score       100 × pass rate × timeliness, timeliness = 0.5 + 0.5 × min over the metrics of clamp(1 − p95/target, 0, 1)',
    );
    expect(stdout).toContain('fixed after one passed run since it was last seen, retested after two or more');
    expect(stdout).toContain('Exit codes: 0 shown (also an empty history), 2 no history file');
  });
});
