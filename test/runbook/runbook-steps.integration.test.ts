import { describe, expect, it } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';

// The runbook's steps that no scenario exercises yet, run as written against a
// real reference system: a step that cannot work there does not belong in it.
// Disruptive steps are covered by their scenarios (redis.restart: redis-outage;
// rate-gate.reset: exchange-rate-limit; db.*: pg-pool-exhaustion, where the
// TimescaleDB check runs only with the extension; rollback.verify, which needs
// orders flowing to see fills increase: bad-deploy-rollback, healthy-swap; dr.*, which need a lost system: dr-restore,
// test/runtime/local-disaster-recovery and test/docker/disaster-recovery; kill-switch.engage and .release: kill-switch)
// and left out here.
const healthySystemSteps = [
  'health.check',
  'redis.latency-check',
  'postgres.check-connectivity',
  'db.pool-status',
  'rate-gate.status',
  'kill-switch.status',
  'pm2.status',
  'pm2.reload-gateway',
  'backup.postgres',
  'backup.redis',
  'backup.postgres-base',
];

describe("the runbook's steps on the reference system", () => {
  it('every step runs as written and exits 0, with no secret in its transcript', { timeout: 180_000 }, async () => {
    const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
    await using env = await localRuntime.provision(new AbortController().signal);
    const execution = { variables: env.variables(), secrets: env.secrets(), cwd: env.variables().FIREDRILL_SANDBOX ?? '/tmp' };
    expect(runbook.steps.filter((s) => s.expect).map((s) => `${s.id}${s.runtime ? ` (${s.runtime})` : ''}`)).toEqual([
      'health.check',
      'kill-switch.engage',
      'kill-switch.status',
      'kill-switch.release',
      'pm2.reload-gateway',
      'pm2.reload-gateway (docker)',
      'pm2.apply-ecosystem',
      'crash-loop.start',
      'crash-loop.start (docker)',
      'rollback.verify',
      'backup.postgres',
      'backup.redis',
      'backup.postgres-base',
      'dr.restore-postgres-pitr (local)',
      'dr.restore-postgres-pitr (docker)',
      'dr.restore-postgres',
      'dr.restore-redis',
      'dr.restore-redis (docker)',
      'dr.start-services',
      'dr.start-services (docker)',
      'dr.resume-archiving',
      'dr.verify',
    ]);
    for (const id of healthySystemSteps) {
      const transcript = await executeStep(toRunbookStep(runbook, stepById(runbook, id)), execution);
      expect({ id, exitCode: transcript.exitCode, stderr: transcript.stderr }).toEqual({ id, exitCode: 0, stderr: expect.any(String) });
      expect(transcript.expectation?.ok ?? true, transcript.expectation?.detail).toBe(true);
      for (const secret of env.secrets()) expect(transcript.stdout + transcript.stderr).not.toContain(secret);
    }
  });
});
