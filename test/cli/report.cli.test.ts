import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firedrillIn } from '../support/firedrill-child.ts';
import { fixtureRunDir } from '../reporters/html-report/fixture-run.ts';

// `firedrill report` as a user runs it, on copies of a real run's directory (test/fixtures/report-run).
let dir: string;
let runDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-report-cli-'));
  runDir = join(dir, 'run');
  await cp(fixtureRunDir, runDir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('firedrill report', () => {
  it('writes <run-dir>/report.html, which leaves the bundle verifiable, and again on a second run', async () => {
    for (const round of [1, 2]) {
      const { exitCode, stdout, stderr } = await firedrillIn(dir, 'report', 'run');
      expect({ round, exitCode, stderr }).toEqual({ round, exitCode: 0, stderr: '' });
      expect(stdout).toBe('report: run/report.html (3 scenarios; evidence verified)');
    }
    expect(await readFile(join(runDir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect((await firedrillIn(dir, 'verify-evidence', 'run')).exitCode).toBe(0);
  });

  it('a bundle edited since the run: the report is written, saying so, and stderr names the way to check', async () => {
    const file = join(runDir, 'evidence.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"verdict": "passed"', '"verdict": "failed", "reason": "edited"'));
    const { exitCode, stdout, stderr } = await firedrillIn(dir, 'report', 'run', '--out', 'page.html');
    expect(exitCode).toBe(0);
    expect(stdout).toBe('report: page.html (3 scenarios; evidence NOT VERIFIED (2 problems))');
    expect(stderr).toBe('firedrill: run does not verify against its manifest; the report says so (firedrill verify-evidence run)');
    expect(await readFile(join(dir, 'page.html'), 'utf8')).toContain('EVIDENCE NOT VERIFIED');
  });

  it('exit 2: no evidence, evidence not of the schema (checked when the bundle does not verify), a bad controls file', async () => {
    const missing = await firedrillIn(dir, 'report', 'nowhere');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^firedrill: nowhere\/evidence\.json: cannot be read \(ENOENT\); give a run directory/);

    const file = join(runDir, 'evidence.json');
    const evidence = JSON.parse(await readFile(file, 'utf8'));
    delete evidence.scenarios[1].timeline;
    await writeFile(file, JSON.stringify(evidence));
    const malformed = await firedrillIn(dir, 'report', 'run');
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain(
      "run/evidence.json: does not match schemas/evidence.v1.json (1 problem):\n  /scenarios/1: must have required property 'timeline'",
    );

    await writeFile(
      join(dir, 'controls.yaml'),
      'schema: firedrill.controls/v1\ncontrols:\n  - id: X-1\n    framework: f\n    reference: r\n    title: t\n    requires: q\n    scenarios: [kill-swich]\n',
    );
    const controls = await firedrillIn(dir, 'report', 'run', '--controls', 'controls.yaml');
    expect(controls.exitCode).toBe(2);
    expect(controls.stderr).toContain(
      'controls.yaml:8: controls[0].scenarios[0]: unknown scenario "kill-swich"; known scenarios: redis-outage,',
    );
  });

  it('--help says what it writes and its exit codes', async () => {
    const { exitCode, stdout } = await firedrillIn(dir, 'report', '--help');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: firedrill report [options] <run-dir>');
    expect(stdout).toContain('Exit codes: 0 written, 2 no readable evidence.json');
    expect(stdout).toContain('--controls <file>');
  });
});
