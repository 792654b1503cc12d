import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import pm2DoubleSpawn, { applyEcosystemStep, renamedGateway } from '../../scenarios/pm2-double-spawn.ts';
import { acknowledgedOrdersIntegrity, localRuntime, runScenarios, type Scenario } from '../../src/index.ts';

// pm2-double-spawn with pm2.apply-ecosystem replaced by the usual mistake:
// `pm2 start <ecosystem> --only <new name>` starts the renamed app beside the
// old one. It must fail, naming the step and the gateway's processes counted.
// No health check, no negative control, a 1 s drain: only the step is under test.
const startsASecondGateway: Scenario = {
  ...pm2DoubleSpawn,
  remediation: [{ ...applyEcosystemStep, run: `cd "$FIREDRILL_SANDBOX"\npm2 start ecosystem.json --only ${renamedGateway}` }],
  healthCheck: undefined,
  checks: [],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }),
};

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

it('fails, naming the step and the process count, when the step starts the renamed app beside the old one', {
  timeout: 180_000,
}, async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-pm2-second-gateway-'));
  const { evidence } = await runScenarios([startsASecondGateway], {
    runtime: localRuntime,
    reportDir: dir,
    signal: new AbortController().signal,
  });
  const [result] = evidence.scenarios;
  expect(result?.verdict).toBe('failed');
  expect(result?.reasons[0]).toMatch(
    /^runbook step "pm2\.apply-ecosystem" .*order-gateway runs under PM2 as its ecosystem file declares.*order-gateway: [2-9]\d* processes in \d+ looks/,
  );
  expect(result?.reasons[0]).toContain(`as ${renamedGateway}`);
  console.log(
    `pm2-double-spawn, second gateway started: ${result?.reasons[0]}; duplicates at the exchange: ${result?.measured.duplicates}`,
  );
});
