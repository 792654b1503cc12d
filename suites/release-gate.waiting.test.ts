import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../scenarios/index.ts';
import { dockerRuntime, localRuntime, type Runtime, type RunOutcome, runScenarios } from '../src/index.ts';
import { dockerRuntimeUnavailable } from '../test/docker/docker-fixtures.ts';
import { evidenceProblems } from '../test/support/evidence-schema.ts';
import { expectPassedWithinTargets } from './gate-checks.ts';
import { waitBoundScenarioIds } from './suites.ts';

// The release gate's wait-bound scenarios (mostly waiting on an alert's `for`),
// on both runtimes at once: each runtime's run is the same as in its gate
// file, only side by side in time. Docker is left out, saying why, where no
// engine answers or the images are not built.
const selected = waitBoundScenarioIds.map((id) => scenarios.find((s) => s.id === id)!);
const dockerUnavailable = await dockerRuntimeUnavailable('release-gate wait-bound scenarios (docker runtime)');
const runtimes: readonly Runtime[] = [localRuntime, ...(dockerUnavailable === undefined ? [dockerRuntime] : [])];

describe(`release-gate wait-bound scenarios (${runtimes.map((r) => r.name).join(' and ')} runtimes at once)`, () => {
  const outcomes = new Map<string, RunOutcome>();
  beforeAll(async () => {
    await Promise.all(
      runtimes.map(async (runtime) => {
        const reportDir = await mkdtemp(join(tmpdir(), `firedrill-gate-waiting-${runtime.name}-`));
        const outcome = await runScenarios(selected, {
          runtime,
          reportDir,
          signal: new AbortController().signal,
          onProgress: (line) => console.log(`[${runtime.name}] ${line}`),
        });
        outcomes.set(runtime.name, outcome);
      }),
    );
  }, 900_000);

  it.each(runtimes.map((r) => r.name))('%s: evidence follows the schema and names the runtime', async (runtime) => {
    const written = JSON.parse(await readFile(join(outcomes.get(runtime)!.reportDir, 'evidence.json'), 'utf8'));
    expect(evidenceProblems(written)).toEqual([]);
    expect(written.runtime).toBe(runtime);
  });

  it.each(runtimes.flatMap((r) => waitBoundScenarioIds.map((id) => [r.name, id] as const)))(
    '%s: %s passes within its targets, its alerts fire in time and reach the runbook contacts, losing nothing',
    (runtime, id) => {
      expectPassedWithinTargets(outcomes.get(runtime)!.evidence.scenarios.find((s) => s.id === id), `${runtime} ${id}`);
    },
  );
});
