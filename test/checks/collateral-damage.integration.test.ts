import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pgPoolExhaustion from '../../scenarios/pg-pool-exhaustion.ts';
import redisOutage from '../../scenarios/redis-outage.ts';
import { acknowledgedOrdersIntegrity, localRuntime, runScenarios, type Scenario, type ScenarioResult } from '../../src/index.ts';
import { defaultRunbookPath, loadRunbook } from '../../src/runbook/load-runbook.ts';

// Collateral damage must fail a drill: a fix that also ends the gateway's
// healthy pool, or restarts every service, restores service all the same. The
// alerts are the gate's to prove; here they would only delay the remediation.
const quick = { alerts: { fire: [], quiet: [] }, integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }) };

// db.terminate-stuck as a hurried operator might write it: every session of the application's role.
const terminateEveryAppSession = [
  'app_role="$PGUSER"',
  'export PGUSER="$PGADMIN_USER" PGPASSWORD="$PGADMIN_PASSWORD"',
  `psql -X -v ON_ERROR_STOP=1 -c "SELECT count(pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity WHERE usename = '$app_role';"`,
].join('\n');

const killEverySession: Scenario = {
  ...pgPoolExhaustion,
  ...quick,
  remediation: pgPoolExhaustion.remediation.map((step) =>
    step.id === 'db.terminate-stuck' ? { ...step, run: terminateEveryAppSession } : step,
  ),
};

describe('collateral damage of a remediation step', () => {
  let dir: string;
  let terminated: ScenarioResult;
  let restarted: ScenarioResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-collateral-'));
    const original = await readFile(defaultRunbookPath, 'utf8');
    const restartAll = original.replace(
      'echo "redis answering on port $REDIS_PORT"\n',
      'echo "redis answering on port $REDIS_PORT"\npm2 restart all\n',
    );
    expect(restartAll).not.toBe(original);
    await writeFile(join(dir, 'RUNBOOK.md'), restartAll);
    const run = async (scenario: Scenario, name: string, runbookFile?: string) => {
      const { evidence } = await runScenarios([scenario], {
        runtime: localRuntime,
        reportDir: join(dir, name),
        signal: new AbortController().signal,
        ...(runbookFile ? { runbook: await loadRunbook(runbookFile) } : {}),
      });
      return evidence.scenarios[0]!;
    };
    // Side by side: two environments, each the scenario's own.
    [terminated, restarted] = await Promise.all([
      run(killEverySession, 'terminated'),
      run({ ...redisOutage, ...quick }, 'restarted', join(dir, 'RUNBOOK.md')),
    ]);
  }, 240_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("fails pg-pool-exhaustion when db.terminate-stuck also ends the gateway's pool sessions, naming them", () => {
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

  it('fails redis-outage when redis.restart also restarts every PM2 service, naming each with its pids', () => {
    expect(restarted.verdict, restarted.reason).toBe('failed');
    const damage = restarted.reasons.find((r) => r.startsWith('runbook step "redis.restart" touched what it does not declare'));
    expect(damage, restarted.reason).toBeDefined();
    expect(damage).toContain('(it may touch services redis): restarted or stopped ');
    for (const service of ['exchange', 'order-gateway', 'market-data', 'risk', 'log-sink', 'log-shipper']) {
      expect(damage).toMatch(new RegExp(`${service} \\(pid \\d+ → \\d+\\)`));
    }
    expect(damage).not.toMatch(/redis \(pid|postgres \(pid/);
  });
});
