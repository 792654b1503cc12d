import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import type { Evidence } from '../../src/evidence/evidence.ts';
import { verifyBundle } from '../../src/evidence/verify-bundle.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { junitSchemaErrors } from '../support/junit-validator.ts';
import { parseJunit } from '../support/parse-junit.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// `firedrill run --repeat 3` on the coin system (test/fixtures/coin-system: one in-memory service, no datastore, the
// cheapest environment a scenario has), whose coin-flip scenario's steady state holds on odd runs only: passed,
// aborted, passed. One CLI run, three environments one after another, read by every test below. Runs alone (the
// integration project): three environments in a row, and the orphan reaper of each provision.
let dir: string;
let run: { exitCode?: number; stdout: string; stderr: string };
let evidence: Evidence;

beforeAll(async () => {
  dir = await testTempDir('repeat');
  run = await execa(
    process.execPath,
    [
      join(repoRoot, 'src', 'cli', 'main.ts'),
      'run',
      'coin-flip',
      '--config',
      join(repoRoot, 'test', 'fixtures', 'coin-system', 'firedrill.config.ts'),
      '--repeat',
      '3',
      '-o',
      join(dir, 'reports'),
      '--junit',
      join(dir, 'junit.xml'),
      '--summary-md',
      join(dir, 'summary.md'),
      '--no-history',
    ],
    { cwd: dir, reject: false, timeout: 150_000, env: { GITHUB_STEP_SUMMARY: '' } },
  );
  evidence = JSON.parse(await readFile(join(dir, 'reports', 'latest', 'evidence.json'), 'utf8'));
}, 160_000);

describe('firedrill run --repeat 3 on a deliberately flaky scenario', () => {
  it('runs it three times, each on its own environment, and records each run', () => {
    expect(run.stderr).toBe('');
    expect(evidenceProblems(evidence)).toEqual([]);
    expect(evidence.scenarios.map((s) => [s.id, s.run, s.verdict])).toEqual([
      ['coin-flip', { index: 1, of: 3 }, 'passed'],
      ['coin-flip', { index: 2, of: 3 }, 'aborted'],
      ['coin-flip', { index: 3, of: 3 }, 'passed'],
    ]);
    const environments = evidence.scenarios.map((s) => s.environment?.id);
    expect(new Set(environments).size).toBe(3);
    expect(run.stdout).toContain('coin-flip: A coin breaks and is mended; its steady state holds only on odd runs (run 3 of 3)');
  });

  it('seals the three records like any others: the bundle verifies', async () => {
    const verification = await verifyBundle(join(dir, 'reports', 'latest'));
    expect(verification.problems).toEqual([]);
    expect(verification.summary).toMatch(/ 3 scenario records, chain intact/);
  });

  it('reports the three samples of detect and recovery with p50/p95/max, and the scenario flaky', () => {
    const [summary] = evidence.repeats ?? [];
    const measured = (s: Evidence['scenarios'][number]) => [s.measured.detectMs, s.measured.recoveryMs];
    const [first, , third] = evidence.scenarios.map(measured);
    expect(summary).toMatchObject({ id: 'coin-flip', runs: 3, verdicts: ['passed', 'aborted', 'passed'], flaky: true });
    expect(summary?.detectMs.samples).toEqual([first![0], null, third![0]]);
    expect(summary?.recoveryMs.samples).toEqual([first![1], null, third![1]]);
    const detects = [first![0]!, third![0]!].sort((a, b) => a - b);
    expect(summary?.detectMs).toMatchObject({ p50: detects[0], p95: detects[1], max: detects[1] });
    expect(run.stdout).toContain('  coin-flip: 3 runs: passed, aborted, passed — FLAKY\n');
    expect(run.stdout).toMatch(/\n {4}detect {3}p50 \d+ \/ p95 \d+ \/ max \d+ ms \(samples \d+, —, \d+\)\n/);
    expect(run.stdout).toContain('Flaky, its verdict changed between runs (exit 1): coin-flip (passed, aborted, passed)');
  });

  it('exits 1: no run failed (one was aborted, which alone exits 3), but a flaky scenario is a finding', () => {
    expect(run.exitCode).toBe(1);
  });

  it('JUnit: a testcase per run, and a failed one of type flaky; Markdown: the runs and the repeat table', async () => {
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const suite = parseJunit(xml);
    expect(suite).toMatchObject({ tests: '4', failures: '1', errors: '1' });
    expect(suite.testcase.map((t) => t.name)).toEqual([
      'coin-flip (run 1 of 3)',
      'coin-flip (run 2 of 3)',
      'coin-flip (run 3 of 3)',
      'coin-flip (3 runs)',
    ]);
    expect(suite.testcase[3]?.failure).toMatchObject({ type: 'flaky' });
    expect(suite.testcase[3]?.failure?.text).toMatch(/^detect: p50 \d+ \/ p95 \d+ \/ max \d+ ms \(samples \d+, —, \d+\)$/m);
    const markdown = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(markdown).toMatch(/^### firedrill: 2 passed, 1 aborted \(runs\); 1 flaky\n/);
    expect(markdown).toMatch(/\n\| coin-flip \(run 2 of 3\) \| ⚠️ aborted \|/);
    expect(markdown).toMatch(/\n\| coin-flip \| ❌ passed, aborted, passed — FLAKY \| p50 \d+ \/ p95 \d+ \/ max \d+ ms \(\d+, —, \d+\) \|/);
  });

  it('leaves no environment behind', async () => {
    const sandboxes = await readdir(join(tmpdir(), 'firedrill')).catch(() => []);
    const ours = evidence.scenarios.map((s) => `env-${s.environment?.id}`);
    expect(sandboxes.filter((name) => ours.includes(name))).toEqual([]);
  });
});
