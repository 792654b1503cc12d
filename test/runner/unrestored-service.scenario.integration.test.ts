import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pgPoolExhaustion, { poolExhaustionSteps } from '../../scenarios/pg-pool-exhaustion.ts';
import { acknowledgedOrdersIntegrity, localRuntime, runScenarios } from '../../src/index.ts';

// The remediation the v1.1 QA report gave for pool exhaustion was only
// `ALTER SYSTEM SET max_connections = 200;`. Run that alone and the drill must
// fail saying precisely why: the steps ran, service did not come back, and the
// setting is still the old one, the new value pending a restart. Short waits:
// the alerts are the gate's to prove, and a miss needs no long overrun.
const qaReportOnly = {
  ...pgPoolExhaustion,
  remediation: poolExhaustionSteps.filter((step) => step.id === 'db.pool-status' || step.id === 'db.raise-max-connections'),
  alerts: { fire: [], quiet: [] },
  targets: { ...pgPoolExhaustion.targets, recoveryMs: 5_000 },
  timeouts: { ...pgPoolExhaustion.timeouts, overrunMs: 1_000 },
  integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }),
  checks: [],
};

describe("pg-pool-exhaustion with only the QA report's remediation (raise max_connections)", () => {
  let reportDir: string;
  afterAll(() => rm(reportDir, { recursive: true, force: true }));

  it('fails, saying the steps did not restore service and that the new limit waits for a restart', { timeout: 120_000 }, async () => {
    reportDir = await mkdtemp(join(tmpdir(), 'firedrill-unrestored-'));
    const { evidence } = await runScenarios([qaReportOnly], { runtime: localRuntime, reportDir, signal: new AbortController().signal });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    const sentence = result?.reasons.find((r) => r.startsWith("the runbook's steps"));
    // Absent, the reasons given are what the failure must show (toMatch on undefined prints no message).
    expect(sentence ?? `no reason starts "the runbook's steps"; the reasons given: ${JSON.stringify(result?.reasons)}`).toMatch(
      /^the runbook's steps \(db\.pool-status, db\.raise-max-connections\) ran and did not restore service: order-gateway \/readyz answers 200: /,
    );
    expect(sentence).toContain('after db.raise-max-connections: max_connections = 100 in effect; 200 pending a restart');
    expect(result?.reasons).toContain('steady state not restored (target 5000 ms)');
    const raise = result?.steps.find((s) => s.stepId === 'db.raise-max-connections');
    expect(raise?.serviceAfter?.restored).toBe(false);
    expect(raise?.stdout).toContain('(new value pending a restart)');
  });
});
