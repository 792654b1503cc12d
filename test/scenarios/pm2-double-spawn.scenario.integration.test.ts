import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pm2DoubleSpawn, { applyEcosystemStep, renamedGateway } from '../../scenarios/pm2-double-spawn.ts';
import { acknowledgedOrdersIntegrity, localRuntime, runScenarios, type Scenario, type ScenarioResult } from '../../src/index.ts';

// pm2-double-spawn on the local runtime, two environments side by side:
//   - as shipped: it must pass, the negative control (the file changed again,
//     then `pm2 restart all`) recording what it did, measured;
//   - its pm2.apply-ecosystem replaced by the usual mistake, starting the
//     renamed app from the ecosystem file beside the old one: it must fail,
//     naming the step and the probe that counts the gateway's processes.
// The broken run skips the health check and drains for 1 s only.

/** `pm2 start <ecosystem> --only <new name>`: what an operator types to "apply" a renamed app, and what leaves the old one running. */
const startsASecondGateway: Scenario = {
  ...pm2DoubleSpawn,
  remediation: [{ ...applyEcosystemStep, run: `cd "$FIREDRILL_SANDBOX"\npm2 start ecosystem.json --only ${renamedGateway}` }],
  healthCheck: undefined,
  checks: [],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }),
};

describe('pm2-double-spawn', () => {
  let dir: string;
  let shipped: ScenarioResult;
  let broken: ScenarioResult;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-pm2-double-spawn-'));
    const run = (scenario: Scenario, name: string) =>
      runScenarios([scenario], { runtime: localRuntime, reportDir: join(dir, name), signal: new AbortController().signal }).then(
        ({ evidence }) => evidence.scenarios[0] as ScenarioResult,
      );
    [shipped, broken] = await Promise.all([run(pm2DoubleSpawn, 'shipped'), run(startsASecondGateway, 'broken')]);
  }, 240_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes as shipped: the runbook leaves one gateway, the exchange sees no order twice; pm2 restart all is measured', () => {
    expect(shipped.reasons, JSON.stringify(shipped.checks)).toEqual([]);
    expect(shipped.verdict).toBe('passed');
    expect(shipped.measured).toMatchObject({ dataLoss: 0, duplicates: 0 });
    const control = shipped.checks.find((check) => check.name.startsWith('negative control'));
    // What it did is measured, never assumed: the detail names the version, the processes counted and the duplicates.
    expect(control?.detail).toMatch(
      /^given rename order-gateway's PM2 app ats-order-gateway to order-gateway-v3 .*: ran `pm2 restart all` \(exit 0 in \d+ ms\); afterwards holds: PM2's version[^:]*: PM2 \d+\.\d+\.\d+; /,
    );
    expect(control?.detail).toMatch(/order-gateway: \d+ process(es)? in \d+ looks over 4000 ms: pid \d+ as /);
    expect(control?.detail).toMatch(/the exchange saw \d+ duplicate submission\(s\)/);
    console.log(`pm2-double-spawn: ${control?.detail}`);
  });

  it('fails, naming the step and the process count, when the step starts the renamed app beside the old one', () => {
    expect(broken.verdict).toBe('failed');
    expect(broken.reasons[0]).toMatch(
      /^runbook step "pm2\.apply-ecosystem" .*order-gateway runs under PM2 as its ecosystem file declares.*order-gateway: [2-9]\d* processes in \d+ looks/,
    );
    expect(broken.reasons[0]).toContain(`as ${renamedGateway}`);
    console.log(
      `pm2-double-spawn, second gateway started: ${broken.reasons[0]}; duplicates at the exchange: ${broken.measured.duplicates}`,
    );
  });
});
