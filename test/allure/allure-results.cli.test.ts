import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StepResult, TestResult } from 'allure-js-commons';
import { execa, type Result } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { type AllureResults, allureResultProblems, attachmentsOf, readAllureResults } from '../support/allure/allure-results.ts';

// Allure results for a gate run: vitest, with FIREDRILL_ALLURE set, runs test/allure/fixture/ (the gate's shape and its
// Allure helper, suites/gate-run.ts, on two stand-in scenarios through the real runner; one's runbook step fails), as a
// child process; then npm run report:allure turns the results into the report. One run, shared by the assertions.
const phases = [
  'steady state',
  'inject the faults',
  'detect',
  'alerts',
  'restore: the runbook steps, then recovery awaited',
  'integrity',
  'checks',
  'cleanup: order flow stopped, faults reverted, fault proxy reset',
];
const stale = '00000000-0000-4000-8000-000000000000-result.json';
let dir: string;
let resultsDir: string;
let run: Result<{ all: true; reject: false }>;
let results: AllureResults;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-allure-results-'));
  resultsDir = join(dir, 'results');
  await mkdir(resultsDir);
  // An earlier run's result is removed; a file that is not Allure's is left.
  await writeFile(join(resultsDir, stale), '{}');
  await writeFile(join(resultsDir, 'notes.txt'), 'mine');
  // The child is a vitest of its own: none of this worker's vitest settings.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)));
  run = await execa(
    process.execPath,
    [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/allure/fixture/vitest.config.ts'],
    {
      cwd: repoRoot,
      env: { ...env, FIREDRILL_ALLURE: resultsDir, NO_COLOR: '1' },
      extendEnv: false,
      reject: false,
      all: true,
      timeout: 120_000,
    },
  );
  results = await readAllureResults(resultsDir);
}, 150_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const test = (name: string): TestResult => {
  const found = results.byName.get(name);
  expect(found, `no Allure result named "${name}"; results: ${[...results.byName.keys()].join(', ')}`).toBeDefined();
  return found!;
};
const labels = (result: TestResult, name: string) => result.labels.filter((l) => l.name === name).map((l) => l.value);

describe('Allure results of a gate-like run', () => {
  it("runs the suite: the passing scenario's test passes, the broken one's fails", () => {
    expect(run.exitCode, run.all).toBe(1);
    expect(run.all).toMatch(/Tests\s+1 failed \| 1 passed \(2\)/);
  });

  it("writes one result per test, each in Allure's result format, every attachment it names present; an earlier run's removed", async () => {
    expect([...results.byName.keys()].sort()).toEqual(['stand-in passes within its targets', 'stand-in-broken passes within its targets']);
    for (const result of results.byName.values()) {
      expect(allureResultProblems(result), result.name).toEqual([]);
      for (const attachment of attachmentsOf(result)) expect(results.files, attachment.name).toContain(attachment.source);
    }
    expect(results.files).not.toContain(stale);
    expect(results.files).toContain('notes.txt');
    // The schema refuses what Allure would not read as meant.
    const passing = test('stand-in passes within its targets');
    expect(allureResultProblems({ ...passing, status: 'ok' })).toEqual(['/status: must be equal to one of the allowed values']);
    expect(allureResultProblems({ ...passing, steps: [{ ...passing.steps[0], start: '12:00' }] })).toContain(
      '/steps/0/start: must be integer',
    );
    expect(allureResultProblems({ ...passing, labels: [{ label: 'scenario', value: 'x' }] })).toContain(
      "/labels/0: must have required property 'name'",
    );
  });

  it('labels each with its scenario, the runtime and the controls it evidences', () => {
    const passing = test('stand-in passes within its targets');
    const broken = test('stand-in-broken passes within its targets');
    expect([labels(passing, 'scenario'), labels(passing, 'runtime'), labels(passing, 'control')]).toEqual([
      ['stand-in'],
      ['local'],
      ['TEST-RECOVERY'],
    ]);
    expect(labels(broken, 'control')).toEqual(['TEST-RECOVERY', 'TEST-STEPS.2']);
    expect(labels(broken, 'tag')).toEqual(['local', 'TEST-RECOVERY', 'TEST-STEPS.2']);
  });

  it('gives a step per phase, in order, timed within the run, then the verdict; the runbook step carries its transcript', async () => {
    const passing = test('stand-in passes within its targets');
    expect(passing.status).toBe('passed');
    expect(passing.steps.map((s) => [s.name, s.status])).toEqual([...phases.map((p) => [p, 'passed']), ['verdict: passed', 'passed']]);
    expectTimedInOrder(passing.steps);
    const restore = passing.steps[4]!;
    expect(restore.steps.map((s) => s.name)).toEqual([
      expect.stringMatching(/^runbook step stand-in\.fix: exit 0 in \d+ ms$/),
      'check passed: runbook step "stand-in.fix" touched only what it declares',
      'after stand-in.fix: service restored',
      'steady state restored',
    ]);
    const [transcript] = restore.steps[0]!.attachments;
    expect(transcript).toMatchObject({ name: 'transcript stand-in.fix', type: 'text/plain' });
    expect(await results.attachment(transcript!.source)).toMatch(
      /^\$ echo "restarting the stand-in"; echo "a warning" >&2\n# exit 0 after \d+ ms, started .+\n--- stdout\nrestarting the stand-in\n--- stderr\na warning\n# service after it: restored$/,
    );
  });

  it('marks the failed phase, the verdict and the test failed with the reason', async () => {
    const broken = test('stand-in-broken passes within its targets');
    expect(broken.status).toBe('failed');
    expect(broken.statusDetails.message).toContain('stand-in-broken: verdict failed');
    const reason = 'runbook step "stand-in.fix" exited with status 1: redis did not answer PING';
    const byName = new Map(broken.steps.map((s) => [s.name, s]));
    expect(byName.get(phases[4]!)).toMatchObject({ status: 'failed', statusDetails: { message: expect.stringContaining(reason) } });
    expect(byName.get('verdict: failed')).toMatchObject({ status: 'failed', statusDetails: { message: expect.stringContaining(reason) } });
    expect(broken.steps.filter((s) => s.status !== 'passed').map((s) => s.name)).toEqual([phases[4], 'verdict: failed']);
    const transcript = byName.get(phases[4]!)!.steps[0]!.attachments[0]!;
    expect(await results.attachment(transcript.source)).toContain('--- stderr\nredis did not answer PING');
  });

  it('attaches the timeline and the evidence record', async () => {
    for (const [id, result] of [
      ['stand-in', test('stand-in passes within its targets')],
      ['stand-in-broken', test('stand-in-broken passes within its targets')],
    ] as const) {
      expect(result.attachments.map((a) => [a.name, a.type])).toEqual([
        ['timeline', 'application/json'],
        ['evidence record', 'application/json'],
      ]);
      const timeline = JSON.parse(await results.attachment(result.attachments[0]!.source));
      const record = JSON.parse(await results.attachment(result.attachments[1]!.source));
      expect(record).toMatchObject({ id, verdict: id === 'stand-in' ? 'passed' : 'failed' });
      expect(timeline).toEqual(record.timeline);
      expect(timeline.filter((e: { kind: string }) => e.kind === 'phase.started')).toHaveLength(phases.length);
    }
  });

  it('npm run report:allure makes the report from them; with no results it says what to run, exit 1', async () => {
    const output = join(dir, 'report');
    const made = await execa(process.execPath, ['scripts/report-allure.ts', '--results', resultsDir, '--output', output], {
      cwd: repoRoot,
      reject: false,
      all: true,
    });
    expect(made.exitCode, made.all).toBe(0);
    expect(made.stdout).toMatch(/index\.html written from 2 results/);
    expect((await stat(join(output, 'index.html'))).size).toBeGreaterThan(100_000);
    const summary = JSON.parse(await readFile(join(output, 'summary.json'), 'utf8'));
    expect(summary.stats).toEqual({ total: 2, passed: 1, failed: 1 });

    const empty = join(dir, 'empty');
    const missing = await execa(process.execPath, ['scripts/report-allure.ts', '--results', empty, '--output', join(dir, 'none')], {
      cwd: repoRoot,
      reject: false,
    });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe(
      `report:allure: no Allure results in ${empty} (no *-result.json there): run the tests with FIREDRILL_ALLURE=1 first, ` +
        'e.g. FIREDRILL_ALLURE=1 npm run test:gate (results in reports/allure-results), or pass --results DIR',
    );
    expect(await readdir(dir)).not.toContain('none');
  }, 60_000);
});

/** Each step starts no later than it stops, and no earlier than the one before it started. */
function expectTimedInOrder(steps: readonly StepResult[]): void {
  steps.forEach((step, i) => {
    expect(step.start!, step.name).toBeLessThanOrEqual(step.stop!);
    if (i > 0) expect(step.start!, step.name).toBeGreaterThanOrEqual(steps[i - 1]!.stop!);
  });
}
