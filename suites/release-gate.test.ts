import { beforeAll, describe, it } from 'vitest';
import { localRuntime, type RunOutcome } from '../src/index.ts';
import { expectGateEvidence, expectPassedWithinTargets, gateResult, releaseGate, runGateSideBySide } from './gate-run.ts';

// The release gate on the local runtime, as `npm run gate` runs it: every
// scenario must pass on a real trading system, with its numbers in evidence.
describe('release-gate suite (local runtime)', () => {
  let outcomes: RunOutcome[];
  beforeAll(async () => {
    outcomes = await runGateSideBySide(localRuntime);
  }, 900_000);

  it('writes evidence that follows the firedrill.evidence/v1 schema', async () => {
    await expectGateEvidence(outcomes, 'local');
  });

  it.each(releaseGate.scenarioIds)(
    '%s passes within its targets, its alerts fire in time and reach the runbook contacts, losing nothing',
    (id) => {
      expectPassedWithinTargets(gateResult(outcomes, id), id);
    },
  );
});
