import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordRun } from '../../src/history/record-run.ts';
import { reportCommand } from '../../src/cli/report-command.ts';
import { reportHistory } from '../../src/cli/report-history.ts';
import { handMadeEvidence } from '../support/hand-made-evidence.ts';
import { seedHistory } from '../support/seeded-history.ts';
import { fixtureEvidence, fixtureRunDir } from '../reporters/html-report/fixture-run.ts';

// The HTML report's history section from a real history file beside the run directory.
let reports: string;
beforeEach(async () => {
  reports = await mkdtemp(join(tmpdir(), 'firedrill-report-history-'));
});
afterEach(() => rm(reports, { recursive: true, force: true }));

const seeded = [
  { id: 'redis-outage', targets: { detectMs: 5000, recoveryMs: 30_000, dataLoss: 0 } },
  { id: 'postgres-failover', targets: { detectMs: 5000, recoveryMs: 30_000, dataLoss: 0 } },
  { id: 'not-in-this-run', targets: { detectMs: 5000, recoveryMs: 30_000, dataLoss: 0 } },
];

describe('the report’s history section', () => {
  it('is in the page firedrill report writes, from the history beside the run directory', async () => {
    const evidence = fixtureEvidence(); // redis-outage, postgres-partition, gateway-hung
    const runDir = join(reports, evidence.runId);
    await cp(fixtureRunDir, runDir, { recursive: true });
    seedHistory(join(reports, 'history.sqlite'), evidence.scenarios, 6);
    expect(recordRun(join(reports, 'history.sqlite'), evidence, 0)).toBeUndefined();
    expect(await reportCommand(runDir, {})).toBe(0);
    const page = await readFile(join(runDir, 'report.html'), 'utf8');
    expect(page).toContain('<section id="history"><h2>History</h2>');
    expect(page.match(/<figure class="history-chart"><svg /g)).toHaveLength(3);
    expect(page).toContain('<title>postgres-partition: detect and recovery over the last 7 runs (ms), targets dashed</title>');
  });

  it('charts the run’s own scenarios over their runs up to this one, with each score and its inputs, and the open findings then', () => {
    const file = join(reports, 'history.sqlite');
    seedHistory(file, seeded, 10);
    const evidence = handMadeEvidence(); // redis-outage passed, postgres-failover failed (41 s recovery), …
    expect(recordRun(file, evidence, 1)).toBeUndefined();
    seedHistory(file, seeded, 5, 0, 100); // later runs, all passed: not in this run's report
    const section = reportHistory(evidence, join(reports, evidence.runId))!;
    expect(section.source).toBe(`${file}: each scenario's last 20 runs up to this one`);
    // In the run's order; its skipped scenario has no run to chart, and a scenario it did not run is left out.
    expect(section.charts.map((c) => c.scenarioId)).toEqual(['redis-outage', 'postgres-failover', 'steady-broken', 'no-engine']);
    const failover = section.charts[1]!;
    expect(failover.svg).toContain('<title>postgres-failover: detect and recovery over the last 11 runs');
    expect(failover.caption).toMatch(
      /^score \d+\.\d = 100 × pass rate \d\.\d\d \(\d+ of 11\) × timeliness \d\.\d{3} \(recovery p95 \d+ ms of 30000 ms\)$/,
    );
    expect(section.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Resilience score \d+\.\d: the mean of these scenarios' scores/),
        'Open finding, postgres-failover: recovered after 41000 ms, target 30000 ms (seen in 1 run(s) since 2026-12-02T08:00:00.000Z)',
      ]),
    );
  });

  it('has no section without a history file, and says so when the file is not one', async () => {
    const evidence = handMadeEvidence();
    expect(reportHistory(evidence, join(reports, 'latest'))).toBeUndefined();
    await mkdir(join(reports, 'elsewhere'));
    await writeFile(join(reports, 'elsewhere', 'h.sqlite'), 'not a database\n'.repeat(100));
    expect(reportHistory(evidence, join(reports, 'latest'), join(reports, 'elsewhere', 'h.sqlite'))).toEqual({
      source: `${join(reports, 'elsewhere', 'h.sqlite')}: not read (file is not a database); the report is written without it`,
      charts: [],
    });
  });
});
