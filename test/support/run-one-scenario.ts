/**
 * One scenario run as `firedrill run` runs it, on a fresh environment (the
 * local runtime unless `options.runtime` says otherwise), for a test that
 * judges one result: the run's evidence.json is checked against the schema,
 * and its report dir is removed once the run is over, unless the caller
 * passed one (to read what the run wrote there).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Evidence } from '../../src/evidence/evidence.ts';
import { localRuntime, runScenarios, type Scenario, type ScenarioResult } from '../../src/index.ts';
import { evidenceProblems } from './evidence-schema.ts';

type RunOptions = Parameters<typeof runScenarios>[1];

export async function runOneScenario(
  scenario: Scenario,
  options: Partial<RunOptions> = {},
): Promise<{ result: ScenarioResult; evidence: Evidence }> {
  const reportDir = options.reportDir ?? (await mkdtemp(join(tmpdir(), `firedrill-${scenario.id}-`)));
  try {
    const { evidence } = await runScenarios([scenario], {
      runtime: localRuntime,
      signal: new AbortController().signal,
      ...options,
      reportDir,
    });
    expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'))), scenario.id).toEqual([]);
    const result = evidence.scenarios[0]!;
    console.log(scenario.id, result.verdict, result.measured, result.reasons, result.integrity ?? '(no integrity detail)');
    return { result, evidence };
  } finally {
    if (options.reportDir === undefined) await rm(reportDir, { recursive: true, force: true });
  }
}
