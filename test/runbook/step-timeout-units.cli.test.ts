// A step timeout without a unit, or under 1 s, is refused where the runbook is read, so the linter and the runner both
// refuse it, naming the line, before anything runs.
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { loadReferenceConfig } from '../../src/config/load-config.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { RunbookError } from '../../src/runbook/runbook-error.ts';
import { runScenarios } from '../../src/runner/run-scenarios.ts';
import { firedrillIn } from '../support/firedrill-child.ts';
import { neverProvisioningRuntime } from '../support/never-provisioning-runtime.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const restart = '{id=redis.restart timeout=20s}';

/** The fixture runbook with redis.restart's timeout written as `timeout`; its path and the step's line. */
async function runbookWithTimeout(timeout: string): Promise<{ file: string; line: number }> {
  const text = await readFile(join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md'), 'utf8');
  expect(text).toContain(restart);
  const dir = await testTempDir('timeout');
  const file = join(dir, 'RUNBOOK.md');
  await writeFile(file, text.replace(restart, `{id=redis.restart timeout=${timeout}}`));
  return { file, line: text.split('\n').findIndex((l) => l.includes(restart)) + 1 };
}

const cases = [
  ['20', 'timeout "20" has no unit; write timeout=20s for seconds (a bare number used to be read as milliseconds)'],
  ['500ms', 'timeout "500ms" is under 1 s, shorter than any step can run; write the time the step needs, at least timeout=1s'],
] as const;

describe('a step timeout without a unit or under 1 s', () => {
  it.each(cases)('timeout=%s: lint-runbook exits 2 naming the line and what to write', async (timeout, problem) => {
    const { file, line } = await runbookWithTimeout(timeout);
    const { exitCode, stdout, stderr } = await firedrillIn(repoRoot, 'lint-runbook', file);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:${line}: step "redis.restart": ${problem}`);
  });

  it.each(cases)('timeout=%s: the runner refuses the runbook before provisioning anything', async (timeout, problem) => {
    const { file, line } = await runbookWithTimeout(timeout);
    const reference = await loadReferenceConfig();
    const config = { ...reference, config: { ...reference.config, runbook: file } };
    const { runtime, provisioned } = neverProvisioningRuntime();
    const reportDir = join(tmpdir(), 'firedrill-timeout-reports-never-made');
    const run = runScenarios([redisOutage], { runtime, config, reportDir, signal: new AbortController().signal });
    await expect(run).rejects.toThrow(RunbookError);
    await expect(run).rejects.toThrow(`${file}:${line}: step "redis.restart": ${problem}`);
    expect(provisioned).toEqual([]);
  });

  it('timeout=20s, as the fixture has it, is read', async () => {
    const { file } = await runbookWithTimeout('20s');
    const { exitCode, stderr } = await firedrillIn(repoRoot, 'lint-runbook', file);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  });
});
