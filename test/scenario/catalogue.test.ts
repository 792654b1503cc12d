import { notApplicableReason } from '../../src/scenario/applicability.ts';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.ts';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { runtimeNames } from '../../src/runtime/runtime.ts';

describe('the shipped scenarios', () => {
  it('every one runs the runbook health check, during the fault and after recovery', () => {
    expect(scenarios.filter((s) => s.healthCheck?.step.id !== 'health.check').map((s) => s.id)).toEqual([]);
  });

  it('bind to the shipped runbook on every runtime they apply on: every step they name, health check included, exists', async () => {
    const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
    for (const runtime of runtimeNames) {
      const bound = bindToRunbook(scenarios, runbook, runtime).filter((scenario) => notApplicableReason(scenario, runtime) === undefined);
      for (const scenario of bound) expect(scenario.healthCheck?.step.run, `${scenario.id} on ${runtime}`).toEqual(expect.any(String));
    }
  });
});
