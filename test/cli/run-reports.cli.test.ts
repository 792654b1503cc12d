import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../src/history/history-db.ts';
import { parseJunit } from '../support/parse-junit.ts';
import { junitSchemaErrors } from '../support/junit-validator.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// --junit, --summary-md and $GITHUB_STEP_SUMMARY on a run that starts nothing: pm2-double-spawn
// does not apply on the docker runtime, so it is reported skipped and no environment (nor
// Docker's preflight) is asked for. Exit 3: nothing proven, and the reports are written all the same.
const firedrill = (env: Record<string, string>, ...args: string[]) =>
  execa(process.execPath, ['src/cli/main.ts', 'run', 'pm2-double-spawn', '--runtime', 'docker', ...args], {
    reject: false,
    timeout: 20_000,
    env,
  });

describe('firedrill run --junit --summary-md', () => {
  it('writes the JUnit XML and the Markdown summary, and appends the summary to $GITHUB_STEP_SUMMARY', async () => {
    const dir = await testTempDir('run-reports');
    const out = join(dir, 'ci', 'out'); // missing levels are made
    const stepSummary = join(dir, 'step-summary.md');
    await writeFile(stepSummary, '## an earlier step\n');
    const { exitCode, stdout, stderr } = await firedrill(
      { GITHUB_STEP_SUMMARY: stepSummary },
      '--report-dir',
      join(dir, 'reports'),
      '--junit',
      join(out, 'junit.xml'),
      '--summary-md',
      join(out, 'summary.md'),
    );
    expect(stderr).toBe('');
    expect(stdout).not.toContain('provisioned');
    expect(exitCode).toBe(3);

    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const suite = parseJunit(xml);
    expect(suite).toMatchObject({ name: 'firedrill', tests: '1', skipped: '1', failures: '0', errors: '0' });
    expect(suite.testcase).toEqual([
      expect.objectContaining({ name: 'pm2-double-spawn', classname: 'firedrill.docker', skipped: expect.anything() }),
    ]);
    expect(suite.testcase[0]?.skipped?.message).toMatch(/^not applicable on the docker runtime \(it runs on: local\)/);
    expect(suite.properties).toMatchObject({ runtime: 'docker', 'runbook.sha256': expect.stringMatching(/^[0-9a-f]{64}$/) });

    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^### firedrill: 1 skipped\n/);
    expect(summary).toMatch(/\n\| pm2-double-spawn \| ⏭️ skipped \|/);
    expect(summary).toMatch(/Evidence: `.*reports\/[^/`]+\/evidence\.json`/);
    expect(await readFile(stepSummary, 'utf8')).toBe(`## an earlier step\n${summary}`);
    expect((await readdir(out)).sort()).toEqual(['junit.xml', 'summary.md']); // no temp file left

    // The run history under the report dir got exactly this run, with its scenario.
    const { runId } = JSON.parse(await readFile(join(dir, 'reports', 'latest', 'evidence.json'), 'utf8'));
    expect(stdout).toContain(`history: appended to ${join(dir, 'reports', 'history.sqlite')} (firedrill history)`);
    using history = openHistory(join(dir, 'reports', 'history.sqlite'));
    expect(history.prepare('SELECT run_id, runtime, exit_code, verdict FROM runs').all()).toEqual([
      { run_id: runId, runtime: 'docker', exit_code: 3, verdict: 'inconclusive' },
    ]);
    expect(history.prepare('SELECT scenario_id, verdict FROM scenario_runs').all()).toEqual([
      { scenario_id: 'pm2-double-spawn', verdict: 'skipped' },
    ]);
  });

  it('--help names both options', async () => {
    const { stdout } = await execa(process.execPath, ['src/cli/main.ts', 'run', '--help']);
    expect(stdout).toMatch(/--junit <file> +also write the run as JUnit XML/);
    expect(stdout).toMatch(/--summary-md <file> +also write a Markdown summary/);
  });

  it('exits 2 before anything starts when the JUnit file cannot be written there, naming the option', async () => {
    const dir = await testTempDir('run-reports');
    await writeFile(join(dir, 'a-file'), 'x');
    const { exitCode, stderr, stdout } = await firedrill(
      { GITHUB_STEP_SUMMARY: '' },
      '--report-dir',
      dir,
      '--junit',
      join(dir, 'a-file', 'junit.xml'),
    );
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toBe(`firedrill: --junit ${join(dir, 'a-file')}: is not a directory; give a directory you can write to`);
    expect(stdout).toBe('');
  });
});
