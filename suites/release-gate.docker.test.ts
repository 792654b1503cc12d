import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../scenarios/index.ts';
import { dockerRuntime, type RunOutcome, runScenarios } from '../src/index.ts';
import { serviceNames } from '../src/runtime/runtime.ts';
import { containersOf, dockerRuntimeUnavailable } from '../test/docker/docker-fixtures.ts';
import { evidenceProblems } from '../test/support/evidence-schema.ts';
import { expectPassedWithinTargets } from './gate-checks.ts';
import { suites, waitBoundScenarioIds } from './suites.ts';

// The release gate on the docker runtime, as `firedrill run --suite release-gate
// --runtime docker` runs it: the same scenarios, unchanged, on containers.
// Skipped, saying why, where no engine answers or the images are not built.
const unavailable = await dockerRuntimeUnavailable('release-gate suite (docker runtime)');
const gate = suites.find((s) => s.name === 'release-gate')!;
// The wait-bound scenarios run in release-gate.waiting.test.ts, on both runtimes at once.
const ids = gate.scenarioIds.filter((id) => !waitBoundScenarioIds.includes(id));
const selected = ids.map((id) => scenarios.find((s) => s.id === id)!);

describe.skipIf(unavailable !== undefined)('release-gate suite (docker runtime)', () => {
  let outcome: RunOutcome;
  beforeAll(async () => {
    const reportDir = await mkdtemp(join(tmpdir(), 'firedrill-gate-docker-'));
    outcome = await runScenarios(selected, {
      runtime: dockerRuntime,
      reportDir,
      signal: new AbortController().signal,
      onProgress: (line) => console.log(line),
    });
  }, 600_000);

  it('writes evidence that follows the schema, states the docker runtime and the image ids used', async () => {
    const written = JSON.parse(await readFile(join(outcome.reportDir, 'evidence.json'), 'utf8'));
    expect(evidenceProblems(written)).toEqual([]);
    expect(written.runtime).toBe('docker');
    expect(written.scenarios.map((s: { id: string }) => s.id)).toEqual(ids);
    for (const scenario of outcome.evidence.scenarios) {
      const services = Object.values(scenario.environment?.services ?? {});
      expect(services, scenario.id).toHaveLength(serviceNames.length);
      for (const service of services) expect(service.image?.id, scenario.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('leaves no container behind', async () => {
    for (const scenario of outcome.evidence.scenarios) expect(await containersOf(scenario.environment!.id), scenario.id).toEqual([]);
  });

  it.each(ids)('%s passes within its targets, its alerts fire in time and reach the runbook contacts, losing nothing', (id) => {
    expectPassedWithinTargets(outcome.evidence.scenarios.find((s) => s.id === id), id);
  });
});
