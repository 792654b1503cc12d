import { describe, expect, it } from 'vitest';
import pgPoolExhaustion from '../../scenarios/pg-pool-exhaustion.ts';
import type { Scenario } from '../../src/index.ts';
import { runOneScenario } from '../support/run-one-scenario.ts';
import { quickForCollateral } from './collateral-quick.ts';

// db.terminate-stuck as a hurried operator might write it: every session of the application's role.
const terminateEveryAppSession = [
  'app_role="$PGUSER"',
  'export PGUSER="$PGADMIN_USER" PGPASSWORD="$PGADMIN_PASSWORD"',
  `psql -X -v ON_ERROR_STOP=1 -c "SELECT count(pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity WHERE usename = '$app_role';"`,
].join('\n');

const killEverySession: Scenario = {
  ...pgPoolExhaustion,
  ...quickForCollateral,
  remediation: pgPoolExhaustion.remediation.map((step) =>
    step.id === 'db.terminate-stuck' ? { ...step, run: terminateEveryAppSession } : step,
  ),
};

describe('collateral damage of a remediation step: the gateway pool', () => {
  it("fails pg-pool-exhaustion when db.terminate-stuck also ends the gateway's pool sessions, naming them", {
    timeout: 180_000,
  }, async () => {
    const { result: terminated } = await runOneScenario(killEverySession);
    expect(terminated.verdict, terminated.reason).toBe('failed');
    const damage = terminated.reasons.find((r) => r.startsWith('runbook step "db.terminate-stuck" touched what it does not declare'));
    expect(damage, terminated.reason).toMatch(
      /^runbook step "db\.terminate-stuck" touched what it does not declare \(it may touch PostgreSQL sessions of firedrill-stuck-client\): ended \d+ PostgreSQL session\(s\): .*order-gateway \(\w+\) ×\d+: pids? \d+/,
    );
    // The stuck client was the step's to end: it is not among what it hit.
    expect(damage).not.toContain('firedrill-stuck-client (');
    // Service came back: the only finding is the damage.
    expect(terminated.measured.recoveryMs).not.toBeNull();
    expect(terminated.checks.find((c) => c.name === 'runbook step "db.terminate-stuck" touched only what it declares')?.ok).toBe(false);
  });
});
