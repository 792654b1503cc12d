import { describe, expect, it } from 'vitest';
import crashLoop, { stopStormStep } from '../../scenarios/crash-loop.ts';
import { acknowledgedOrdersIntegrity, localRuntime, type Scenario } from '../../src/index.ts';
import { runOnce } from './crash-loop-checks.ts';

// crash-loop with the runbook's stop step replaced by a no-op, the rest as
// written: PM2 goes on restarting the gateway, and the run must fail naming
// crash-loop.stop, its postcondition showing the supervisor still restarting.
// Quick: no alert waited for (the shipped run proves it), a 1 s drain, and a
// miss needs no long overrun: recovery is not waited for past 5 + 1 s.
const stopIsNoop: Scenario = {
  ...crashLoop,
  id: 'crash-loop-noop-stop',
  alerts: { fire: [], quiet: crashLoop.alerts.quiet },
  targets: { ...crashLoop.targets, recoveryMs: 5_000 },
  timeouts: { ...crashLoop.timeouts, overrunMs: 1_000 },
  integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }),
  remediation: crashLoop.remediation.map((step) => (step.id === stopStormStep.id ? { ...step, run: 'true' } : step)),
};

const restartsInAll = (detail: unknown) => Number(/, (\d+) restarts in all/.exec(String(detail))?.[1]);

describe('crash-loop with a stop step that stops nothing (local runtime)', () => {
  it('fails naming crash-loop.stop: the storm goes on, the supervisor still restarting the gateway', { timeout: 120_000 }, async () => {
    const result = await runOnce(localRuntime, stopIsNoop);
    expect(result.verdict).toBe('failed');
    expect(result.reasons[0]).toMatch(
      /^runbook step "crash-loop\.stop" ran \(exit 0\) but its postcondition "order-gateway held stopped by its supervisor" did not hold within 5000 ms \(last seen: order-gateway: its supervisor says (online|launching|waiting restart|errored), \d+ restarts in all\); still not restored: order-gateway \/readyz answers 200: /,
    );
    // The steps after it never ran, and PM2 kept restarting the gateway past the detection.
    expect(result.steps.map((s) => s.stepId)).toEqual(['crash-loop.stop']);
    const detected = result.timeline.find((e) => e.kind === 'detection.signal')?.detail.observed;
    expect(restartsInAll(result.reasons[0])).toBeGreaterThan(restartsInAll(detected));
    // The revert still rolled the push back and got the gateway running, storm or not.
    expect(result.timeline.filter((e) => e.kind.startsWith('fault.revert')).map((e) => e.kind)).toEqual(['fault.reverted']);
  });
});
