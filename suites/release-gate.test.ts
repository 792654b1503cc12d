import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../scenarios/index.ts';
import { localRuntime, type RunOutcome, runScenarios } from '../src/index.ts';
import { evidenceProblems } from '../test/support/evidence-schema.ts';
import { expectPassedWithinTargets } from './gate-checks.ts';
import { suites, waitBoundScenarioIds } from './suites.ts';

// The release gate on the local runtime, as `npm run gate` runs it: every
// scenario must pass on a real trading system, with its numbers in evidence.
const gate = suites.find((s) => s.name === 'release-gate')!;
// The wait-bound scenarios run in release-gate.waiting.test.ts, on both runtimes at once.
const ids = gate.scenarioIds.filter((id) => !waitBoundScenarioIds.includes(id));
const selected = ids.map((id) => scenarios.find((s) => s.id === id)!);

describe('release-gate suite (local runtime)', () => {
  let outcome: RunOutcome;
  beforeAll(async () => {
    const reportDir = await mkdtemp(join(tmpdir(), 'firedrill-gate-'));
    outcome = await runScenarios(selected, {
      runtime: localRuntime,
      reportDir,
      signal: new AbortController().signal,
      onProgress: (line) => console.log(line),
    });
  }, 600_000);

  it('writes evidence that follows the firedrill.evidence/v1 schema', async () => {
    const written = JSON.parse(await readFile(join(outcome.reportDir, 'evidence.json'), 'utf8'));
    expect(evidenceProblems(written)).toEqual([]);
    expect(written.scenarios.map((s: { id: string }) => s.id)).toEqual(ids);
  });

  it.each(ids)('%s passes within its targets, its alerts fire in time and reach the runbook contacts, losing nothing', (id) => {
    expectPassedWithinTargets(outcome.evidence.scenarios.find((s) => s.id === id), id);
  });
});
