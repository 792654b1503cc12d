import { beforeAll, describe, expect, it } from 'vitest';
import { localRuntime, type RunOutcome } from '../src/index.ts';
import { expectGateEvidence, expectPassedWithinTargets, gateResult, releaseGate, reportToAllure, runGateSideBySide } from './gate-run.ts';

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
    async (id) => {
      await reportToAllure(outcomes, id, localRuntime.name);
      expectPassedWithinTargets(gateResult(outcomes, id), id);
    },
  );

  // The runbook's headline promise: a bad release rolled back within 30 s, what it cost counted by colour.
  it('bad-deploy-rollback: the bad release failed orders on green, blue took them all back within 30 s and failed none', () => {
    const passing = gateResult(outcomes, 'bad-deploy-rollback')!;
    expectPassedWithinTargets(passing, 'bad-deploy-rollback');
    expect(passing.measured.rollbackMs).toBe(passing.measured.recoveryMs);
    const cost = passing.checks.find((c) => c.name === 'at most 0 order requests answered by blue failed over the run');
    expect(cost?.detail).toMatch(
      /^0 of the order requests answered by blue failed \(at most 0\); of all \d+ requests: [1-9]\d* failed: [1-9]\d* refused 500 by green/,
    );
    expect(passing.steps.map((s) => [s.stepId, s.exitCode])).toEqual([
      ['deploy.rollback', 0],
      ['rollback.verify', 0],
      ['rollback.smoke', 0],
    ]);
  });

  // What gateway-hung must show beyond its targets, on the gate's own run (PM2 and curl's wording: local runtime).
  it('gateway-hung is detected by the probe timing out, ServiceDown pages, PM2 still says online, the reload restores trading', () => {
    const passing = gateResult(outcomes, 'gateway-hung')!;
    expectPassedWithinTargets(passing, 'gateway-hung');
    const { measured } = passing;
    // Detection is the 2 s hang timeout running out: never sooner, within the 5 s target.
    expect(measured.detectMs).toBeGreaterThanOrEqual(2_000);
    expect(measured.detectMs).toBeLessThanOrEqual(5_000);
    expect(measured.recoveryMs).toBeLessThanOrEqual(30_000);
    expect(measured.dataLoss).toBe(0);
    expect(measured.duplicates).toBe(0);
    expect(measured.alerts).toEqual([
      expect.objectContaining({
        alert: 'ServiceDown',
        labels: { job: 'order-gateway' },
        firedMs: expect.any(Number),
        notified: ['pagerduty P7X2K9Q'],
      }),
    ]);
    expect(measured.alerts[0]!.firedMs).toBeLessThanOrEqual(15_000);
    const detected = passing.timeline.find((e) => e.kind === 'detection.signal');
    expect(detected?.detail.observed).toBe(
      "/healthz: no answer within the probe's 2000 ms timeout: the connection is open and nothing answers",
    );
    expect(passing.checks.map((c) => [c.name, c.ok])).toEqual([
      ['health check during the fault (health.check)', true],
      ['runbook step "pm2.status" touched only what it declares', true],
      ['runbook step "pm2.reload-gateway" touched only what it declares', true],
      ['health check after recovery (health.check)', true],
      ['pm2.status shows the supervisor still counting the hung gateway up (PM2: online; docker: running=true)', true],
    ]);
    // The health check's curl gave up on the gateway (exit 28), and named it.
    expect(passing.checks[0]!.detail).toMatch(
      /^it failed naming order-gateway: "curl: \(28\) Operation timed out .* \| UNHEALTHY order-gateway: /,
    );
    expect(passing.steps.find((s) => s.stepId === 'pm2.reload-gateway')?.stdout).toMatch(/\norder-gateway ready$/);
  });
});
