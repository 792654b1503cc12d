import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gatewayHung, { pm2StatusStep, reloadGatewayStep } from '../../scenarios/gateway-hung.ts';
import {
  acknowledgedOrdersIntegrity,
  type Environment,
  type Fault,
  latency,
  localRuntime,
  pauseService,
  runScenarios,
  type Scenario,
  type ScenarioResult,
} from '../../src/index.ts';
import { createSqlClient } from '../../src/probes/sql-client.ts';
import { expectFailedNamingAStep } from '../support/broken-remediation.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

// gateway-hung on the local runtime, two environments side by side:
//   - its reload step replaced by a no-op: it must fail naming pm2.reload-gateway
//     (the hung gateway is still the old process);
//   - the hang at its worst moment for the orders (fills on their way back, see
//     pauseWithFillsInFlight): no order may reach the exchange twice. It did,
//     before the gateway looked up such orders at the exchange on restart.
// Both skip the alert and drain for 1 s only. The scenario as shipped passes in
// the release gate on both runtimes; what it must show on the local runtime
// (the probe's timeout, ServiceDown paging, PM2 saying online, the reload) is
// asserted on the gate's own run (suites/release-gate.test.ts), not on a third
// environment here.

/** Orders the gateway had sent and the exchange had filled, still "sending" in Postgres: fills the frozen gateway never recorded. */
async function fillsNotRecorded(env: Environment): Promise<number> {
  await using sql = createSqlClient(env.variables());
  const sending = await sql.query<{ id: string }>(`SELECT id FROM orders WHERE status = 'sending'`);
  const looked = await Promise.all(
    sending.map(async ({ id }) => {
      const response = await fetch(`${env.service('exchange').url}/api/v1/order/${id}`, { headers: { 'x-client-id': 'firedrill-test' } });
      return response.status === 200;
    }),
  );
  return looked.filter(Boolean).length;
}

/**
 * The exchange's answers are held 500 ms on their way back, so after a second
 * the gateway has an order the exchange filled whose fill it has not recorded;
 * then it is frozen (again, until it is frozen at such a moment: at most 5
 * tries), and the held answers let go into a process that will never read them.
 */
function pauseWithFillsInFlight(): Fault {
  const pause = pauseService('order-gateway');
  return {
    kind: 'process.pause',
    description: 'pause order-gateway while fills are on their way back to it',
    async inject(env, signal) {
      const slow = await latency('gateway-exchange', { latencyMs: 500 }).inject(env, signal);
      try {
        await sleep(1_000, undefined, { signal });
        for (let attempt = 1; ; attempt++) {
          const paused = await pause.inject(env, signal);
          const unrecorded = await fillsNotRecorded(env).catch(async (error: unknown) => {
            await paused.revert();
            throw error;
          });
          if (unrecorded > 0 || attempt === 5) {
            return { description: `${paused.description}, ${unrecorded} fill(s) not recorded (try ${attempt})`, revert: paused.revert };
          }
          await paused.revert();
          await sleep(100, undefined, { signal });
        }
      } finally {
        await slow.revert();
      }
    },
  };
}

const quick = (scenario: Scenario, id: string): Scenario => ({
  ...scenario,
  id,
  alerts: { fire: [], quiet: scenario.alerts.quiet },
  integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }),
});
const noopReload = quick(
  { ...gatewayHung, remediation: [pm2StatusStep, { ...reloadGatewayStep, run: 'true' }] },
  'gateway-hung-noop-reload',
);
const fillsInFlight = { ...quick(gatewayHung, 'gateway-hung-fills-in-flight'), faults: [pauseWithFillsInFlight()] };

describe('gateway-hung (local runtime)', () => {
  let dir: string;
  let noop: ScenarioResult;
  let inFlight: ScenarioResult;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-gateway-hung-'));
    const run = async (scenario: Scenario): Promise<ScenarioResult> => {
      const reportDir = join(dir, scenario.id);
      const { evidence } = await runScenarios([scenario], { runtime: localRuntime, reportDir, signal: new AbortController().signal });
      expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'))), scenario.id).toEqual([]);
      return evidence.scenarios[0]!;
    };
    const started = performance.now();
    [noop, inFlight] = await Promise.all([run(noopReload), run(fillsInFlight)]);
    console.log(`two gateway-hung runs side by side: ${Math.round((performance.now() - started) / 1000)} s`);
    for (const result of [noop, inFlight]) console.log(result.id, result.verdict, result.measured, result.reasons);
  }, 240_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails naming pm2.reload-gateway when the reload is a no-op: the hung process is still the gateway', () => {
    expectFailedNamingAStep({ scenario: noopReload, breakage: 'a no-op' }, noop);
    expect(noop.reasons[0]).toMatch(
      /^runbook step "pm2\.reload-gateway" ran \(exit 0\) but its postcondition "order-gateway's process started within the last 8000 ms" did not hold within 5000 ms \(last seen: order-gateway \(pid \d+\) started \d+ ms ago\); still not restored: order-gateway \/readyz answers 200: \/readyz: no answer within the probe's 3000 ms timeout/,
    );
    // pm2.status ran as written, and showed PM2 calling the hung gateway online.
    expect(noop.checks.find((c) => c.name.startsWith('pm2.status shows'))?.ok).toBe(true);
  });

  it('sends no order twice when the gateway hung with fills on their way back: the reloaded gateway records them', () => {
    const injected = inFlight.timeline.find((e) => e.kind === 'fault.injected');
    expect(injected?.detail.description).toMatch(/^pause order-gateway \(pid \d+ frozen\), [1-9]\d* fill\(s\) not recorded \(try [1-5]\)$/);
    expect(inFlight.reason ?? '').toBe('');
    expect(inFlight.verdict).toBe('passed');
    expect(inFlight.measured.duplicates).toBe(0);
    expect(inFlight.measured.dataLoss).toBe(0);
  });
});
