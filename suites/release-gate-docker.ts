import { beforeAll, expect, it } from 'vitest';
import { scenarios } from '../scenarios/index.ts';
import { dockerRuntime, type RunOutcome } from '../src/index.ts';
import { referenceTopology } from '../src/topology/topology.ts';
import { containersOf, containersOwnedByThisProcess, dockerRuntimeUnavailable } from '../test/docker/docker-fixtures.ts';
import { expectGateEvidence, expectPassedWithinTargets, gateResult, releaseGate, reportToAllure, runGateSideBySide } from './gate-run.ts';
import { describeWithDocker } from '../test/support/docker-required.ts';

// The release gate on the docker runtime, as `firedrill run --suite release-gate
// --runtime docker` runs it: the same scenarios, unchanged, on containers.
// Skipped, saying why, where no engine answers or the images are not built.
const unavailable = await dockerRuntimeUnavailable('release-gate suite (docker runtime)');

describeWithDocker('release-gate suite (docker runtime)', unavailable, () => {
  let outcomes: RunOutcome[];
  beforeAll(async () => {
    outcomes = await runGateSideBySide(dockerRuntime);
  }, 900_000);

  it('writes evidence that follows the schema, states the docker runtime and the image ids used', async () => {
    await expectGateEvidence(outcomes, 'docker');
    const { componentNames } = await referenceTopology();
    for (const scenario of outcomes.flatMap((o) => o.evidence.scenarios)) {
      const services = scenario.environment?.services ?? {};
      // A blue/green scenario's environment also describes both colours and nginx; the idle colour runs no container.
      const blueGreen = scenarios.find((s) => s.id === scenario.id)?.blueGreen ?? [];
      const extra = [...blueGreen.flatMap((name) => [`${name}-blue`, `${name}-green`]), ...(blueGreen.length > 0 ? ['nginx'] : [])];
      expect(Object.keys(services).sort(), scenario.id).toEqual([...componentNames, ...extra].sort());
      for (const [name, service] of Object.entries(services))
        if (service.container !== undefined) expect(service.image?.id, `${scenario.id}: ${name}`).toMatch(/^sha256:[0-9a-f]{64}$/);
      for (const name of componentNames) expect(services[name]?.container, `${scenario.id}: ${name}`).toBeDefined();
    }
  });

  it('leaves no container behind', async () => {
    for (const scenario of outcomes.flatMap((o) => o.evidence.scenarios))
      if (scenario.environment) expect(await containersOf(scenario.environment.id), scenario.id).toEqual([]);
    // An environment that failed to start has no id in the evidence: what it started is found by its owner.
    expect(await containersOwnedByThisProcess()).toEqual([]);
  });

  it.each(releaseGate.scenarioIds)(
    '%s passes within its targets, its alerts fire in time and reach the runbook contacts, losing nothing',
    async (id) => {
      await reportToAllure(outcomes, id, dockerRuntime.name);
      expectPassedWithinTargets(gateResult(outcomes, id), id);
    },
  );
});
