import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../scenarios/index.ts';
import { localRuntime, type RunOutcome, runScenarios } from '../src/index.ts';
import { evidenceProblems } from '../test/support/evidence-schema.ts';
import { suites } from './suites.ts';

// The release gate on the local runtime, as `npm run gate` runs it: every
// scenario must pass on a real trading system, with its numbers in evidence.
const gate = suites.find((s) => s.name === 'release-gate')!;
const selected = gate.scenarioIds.map((id) => scenarios.find((s) => s.id === id)!);

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
    expect(written.scenarios.map((s: { id: string }) => s.id)).toEqual(gate.scenarioIds);
  });

  it.each(gate.scenarioIds)('%s passes within its targets, losing nothing', (id) => {
    const result = outcome.evidence.scenarios.find((s) => s.id === id)!;
    expect(result.reason ?? '', `verdict ${result.verdict}`).toBe('');
    expect(result.verdict).toBe('passed');
    expect(result.measured.detectMs).toBeLessThanOrEqual(result.targets.detectMs);
    expect(result.measured.recoveryMs).toBeLessThanOrEqual(result.targets.recoveryMs);
    expect(result.measured.dataLoss).toBe(0);
    expect(result.measured.duplicates).toBe(0);
  });
});
