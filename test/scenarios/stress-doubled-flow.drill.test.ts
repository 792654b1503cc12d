import { describe, expect, it } from 'vitest';
import stressDoubledFlow from '../../scenarios/stress-doubled-flow.ts';
import { localRuntime } from '../../src/index.ts';
import { withLoadMultiplier } from '../../src/workload/load-multiplier.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';
import { localRuntimeWithServiceEnv } from '../support/service-env-runtime.ts';
import { runOnce } from './crash-loop-checks.ts';

// `npm run drill:stress`, not npm test: 60 orders/s is a load drill on a 2-core machine. In clean-clone CI runs beside
// two other scenario files its shipped run missed twice for the machine, not the system: once its harness could not
// read PostgreSQL's sessions within 3 s, once its runbook steps started after the 8 s ban was over (db734c5).
// stress-doubled-flow (issue 17, MiFID II RTS 6 Art. 10) on two local environments, one after the other: the
// reference system as shipped must pass with the controls holding at twice its peak rate; one whose gateway has lost
// both controls must fail naming each: its rate gate set to 1000/s (a bad config push: the backlog of the ban goes
// out unthrottled) and its pre-trade check skipped (the test-only fault skip-pretrade-limits: a fat finger reaches
// the exchange). The broken one runs at the peak (30/s: its ban's backlog and its fat fingers show the lost controls
// as well), and after the shipped one: side by side, at 60/s each beside two other scenario files, the shipped run's
// harness could not read PostgreSQL's sessions within 3 s once in CI (b8ffb46), failing its collateral check.
const timeoutMs = 240_000;
const controlsLost = localRuntimeWithServiceEnv('order-gateway', {
  GATEWAY_TEST_FAULTS: 'skip-pretrade-limits',
  RATE_LIMIT_PER_SEC: '1000',
});
let shipped: Promise<ScenarioResult> | undefined;
let lost: Promise<ScenarioResult> | undefined;
const runShipped = () => (shipped ??= runOnce(localRuntime, stressDoubledFlow));
const runLost = () =>
  (lost ??= runShipped()
    .catch(() => undefined)
    .then(() => runOnce(controlsLost, withLoadMultiplier(stressDoubledFlow, 1))));

const check = (result: ScenarioResult, name: string) => result.checks.find((c) => c.name.startsWith(name));

describe('stress-doubled-flow (local runtime)', () => {
  it('passes at twice the peak rate: 60 orders/s sent, the gate and the pre-trade limits hold through an exchange ban', {
    timeout: timeoutMs,
  }, async () => {
    const result = await runShipped();
    expect(result.reason ?? '').toBe('');
    expect(result.verdict).toBe('passed');
    // A loaded machine may hold some orders back (CI at 17cf79e: 54 of about 1,000): what counts is 95 % of 60/s sent.
    expect(result.load).toMatchObject({ multiplier: 2, peakPerSec: 30, askedPerSec: 60 });
    expect(result.load!.achievedPerSec).toBeGreaterThanOrEqual(57);
    expect(result.load!.due).toBe(result.load!.sent + result.load!.heldBack);
    expect(check(result, 'the rate gate holds')?.detail).toMatch(
      /^at most (\d|[1-5]\d|60) orders in one second at the exchange; the flow asked 60\/s, over the gate's rate$/,
    );
    expect(check(result, 'pre-trade limits hold')?.detail).toMatch(
      /^([1-9]\d*) oversized order\(s\) placed: \1 refused, 0 unanswered, none acknowledged; the largest order at the exchange: qty 1, notional 1\d\d$/,
    );
    expect(result.workload!.refused).toBeGreaterThan(0);
    expect([result.measured.dataLoss, result.measured.duplicates]).toEqual([0, 0]);
  });

  it('fails when the gateway lost its controls: the backlog of the ban goes out over the gate rate, fat fingers reach the exchange', {
    timeout: timeoutMs,
  }, async () => {
    const result = await runLost();
    expect(result.verdict).toBe('failed');
    const gate = check(result, 'the rate gate holds');
    expect(gate?.ok).toBe(false);
    expect(gate?.detail).toMatch(/^(\d+) orders reached the exchange in one second, over the gate's 50\/s \(60 with its burst/);
    const limits = check(result, 'pre-trade limits hold');
    expect(limits?.ok).toBe(false);
    expect(limits?.detail).toMatch(
      /^([1-9]\d*) of \1 oversized order\(s\) acknowledged .*; the exchange received an order of qty 5000, over 100; /,
    );
    expect(result.reasons.filter((r) => r.startsWith('check "')).map((r) => r.slice(7, 30))).toEqual([
      'the rate gate holds: no',
      'pre-trade limits hold: ',
    ]);
  });
});
