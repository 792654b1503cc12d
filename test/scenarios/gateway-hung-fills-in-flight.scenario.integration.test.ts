import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import gatewayHung from '../../scenarios/gateway-hung.ts';
import { type Environment, type Fault, latency, pauseService } from '../../src/index.ts';
import { createSqlClient } from '../../src/probes/sql-client.ts';
import { runOneScenario } from '../support/run-one-scenario.ts';
import { quick } from './gateway-hung-quick.ts';

// gateway-hung on the local runtime, the hang at its worst moment for the
// orders (fills on their way back, see pauseWithFillsInFlight): no order may
// reach the exchange twice. It did, before the gateway looked up such orders
// at the exchange on restart. Quickened: see gateway-hung-quick.ts.

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

// The scenario's own drain (15 s), not the quickening's 1 s: this run must pass, so the drain ends as soon as every
// order is filled, and under load the reloaded gateway took longer than 1 s to fill the orders of the hang's
// backlog (CI, three scenario files at once: "30 acknowledged record(s) lost", the file 60 s against 28 s alone).
const fillsInFlight = {
  ...quick(gatewayHung, 'gateway-hung-fills-in-flight'),
  integrity: gatewayHung.integrity,
  faults: [pauseWithFillsInFlight()],
};

describe('gateway-hung (local runtime), hung with fills on their way back', () => {
  it('sends no order twice when the gateway hung with fills on their way back: the reloaded gateway records them', {
    timeout: 180_000,
  }, async () => {
    const { result: inFlight } = await runOneScenario(fillsInFlight);
    const injected = inFlight.timeline.find((e) => e.kind === 'fault.injected');
    expect(injected?.detail.description).toMatch(/^pause order-gateway \(pid \d+ frozen\), [1-9]\d* fill\(s\) not recorded \(try [1-5]\)$/);
    expect(inFlight.reason ?? '').toBe('');
    expect(inFlight.verdict).toBe('passed');
    expect(inFlight.measured.duplicates).toBe(0);
    expect(inFlight.measured.dataLoss).toBe(0);
  });
});
