import { describe, expect, it } from 'vitest';
import killSwitch, { killSwitchIntegrity } from '../../scenarios/kill-switch.ts';
import { localRuntime } from '../../src/index.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';
import { localRuntimeWithGatewayFaults } from '../support/gateway-test-faults.ts';
import { runOnce } from './crash-loop-checks.ts';

// kill-switch (issue 17, MiFID II RTS 6 Art. 12) on three local environments: the gateway as shipped, alone; then,
// side by side, one whose switch only stops new orders (the test-only fault kill-switch-stops-new-only: it refuses new orders and
// cancels nothing, neither the unsent orders nor those resting at the exchange); one that releases the switch when it
// starts (kill-switch-released-on-start: a switch kept in memory). The first must pass with every runaway order gone
// from the exchange's book within the target and the switch still engaged after a SIGKILL and restart; the second
// must fail, naming the orders left open at the exchange; the third, naming the order acknowledged after the restart.
const timeoutMs = 240_000;

// The switch that stops new orders only leaves orders it should have cancelled unsettled: the shipped 15 s drain waited
// for them in full, the longest wait of the three runs (its run 48 s, the others 32-34 s). What is judged there is the
// engage step's postcondition (before the drain) and the restart check (after it): 2 s of drain are enough.
const quickDrain = { ...killSwitch, integrity: killSwitchIntegrity(2_000) };
let shipped: Promise<ScenarioResult>;
let stopsNewOnly: Promise<ScenarioResult>;
let releasedOnStart: Promise<ScenarioResult>;
// The shipped run goes first, with no other environment of this file beside it: its 5 s to zero open orders is the
// file's only timing target. With all three at once (five environments on two cores, with the project's two other
// files) it took 8.8 s in a clean-clone CI run and 8.2 and 14.7 s in local runs, 0.5-1.7 s otherwise.
const all = () => {
  shipped ??= runOnce(localRuntime, killSwitch);
  const afterShipped = shipped.catch(() => undefined);
  stopsNewOnly ??= afterShipped.then(() => runOnce(localRuntimeWithGatewayFaults(['kill-switch-stops-new-only']), quickDrain));
  releasedOnStart ??= afterShipped.then(() => runOnce(localRuntimeWithGatewayFaults(['kill-switch-released-on-start']), killSwitch));
  return Promise.all([shipped, stopsNewOnly, releasedOnStart]);
};

describe('kill-switch (local runtime)', () => {
  it('passes: hundreds resting at the exchange, zero within 5 s of the engage, new orders refused and none sent, released', {
    timeout: timeoutMs,
  }, async () => {
    const [result] = await all();
    expect(result.reason ?? '').toBe('');
    expect(result.verdict).toBe('passed');
    const detected = result.timeline.find((e) => e.kind === 'detection.signal');
    expect(String(detected?.detail.observed)).toMatch(/^([2-9]\d\d) order\(s\) open at the exchange \(ats-gateway: \1\)$/);
    const zero = result.timeline.find((e) => e.kind === 'step.postcondition-held' && e.detail.stepId === 'kill-switch.engage');
    expect(zero?.detail).toMatchObject({ probe: 'no order open at the exchange', withinMs: 5_000, measuredFrom: 'step start' });
    expect(Number(zero?.detail.afterStepStartMs)).toBeLessThanOrEqual(5_000);
    const refused = result.timeline.find((e) => e.kind === 'step.postcondition-held' && e.detail.stepId === 'kill-switch.status');
    expect(refused).toBeDefined();
    // The remediation, then the restart check's engage and release.
    expect(result.steps.map((s) => [s.stepId, s.exitCode])).toEqual([
      ['kill-switch.engage', 0],
      ['kill-switch.status', 0],
      ['kill-switch.release', 0],
      ['kill-switch.engage', 0],
      ['kill-switch.release', 0],
    ]);
    expect(result.steps.find((s) => s.stepId === 'kill-switch.engage')?.stdout).toMatch(
      /^kill switch engaged: \d+ unsent order\(s\) cancelled; at the exchange: [1-9]\d* cancelled$/m,
    );
    expect([result.measured.dataLoss, result.measured.duplicates]).toEqual([0, 0]);
    expect(result.checks.find((c) => c.name.startsWith('the kill switch survives a restart'))).toMatchObject({
      ok: true,
      detail: expect.stringMatching(
        /^engaged, then order-gateway killed and back \(pid \d+ → \d+\): a new order was refused \(403: kill switch engaged/,
      ),
    });
  });

  it('fails when the switch only stops new orders, naming the orders left open at the exchange', { timeout: timeoutMs }, async () => {
    const [, result] = await all();
    expect(result.verdict).toBe('failed');
    expect(result.reasons[0]).toMatch(
      /^runbook step "kill-switch\.engage" ran \(exit 0\) but its postcondition "no order open at the exchange" did not hold within 5000 ms of the step's start \(last seen: [1-9]\d* order\(s\) open at the exchange \(ats-gateway: [1-9]\d*\)\)/,
    );
    // Then the restart check engages and releases it again, with the runbook's steps.
    expect(result.steps.map((s) => s.stepId)).toEqual(['kill-switch.engage', 'kill-switch.engage', 'kill-switch.release']);
  });
});

describe('kill-switch against a gateway that releases the switch when it starts (local runtime)', () => {
  it('fails on the restart check alone, naming the order acknowledged after the restart', { timeout: timeoutMs }, async () => {
    const [, , result] = await all();
    expect(result.verdict).toBe('failed');
    expect(result.reasons).toEqual([
      expect.stringMatching(
        /^check "the kill switch survives a restart of order-gateway \(SIGKILL\): .*" failed: engaged, then order-gateway killed and back \(pid \d+ → \d+\): a new order was acknowledged/,
      ),
    ]);
  });
});
