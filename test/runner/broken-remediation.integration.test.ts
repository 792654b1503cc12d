import { describe, expect, it } from 'vitest';
import pgPoolExhaustion from '../../scenarios/pg-pool-exhaustion.ts';
import { type Breakage, type BrokenRun, brokenSteps, expectFailedNamingAStep, runBroken } from '../support/broken-remediation.ts';

// The case issue 11 found: a pool-exhaustion remediation that frees no slot
// (a no-op), or fails outright, leaves the server refusing the application's
// role, and the run ended errored. It must fail, naming the step. As on call:
// the steps run once GatewayNotReady has paged (about 13 s), long enough for the
// harness's idle connections to close and the stuck client to take their
// slots, so its reads meet a full server. Both side by side; every scenario
// both ways is `npm run drill:broken-remediation`.
const paged = pgPoolExhaustion.alerts.fire.filter((a) => a.alert === 'GatewayNotReady');
const runs = (Object.keys(brokenSteps) as Breakage[]).map(
  (breakage): BrokenRun => ({ scenario: pgPoolExhaustion, breakage, waitFor: paged }),
);

describe('pg-pool-exhaustion with its remediation broken', () => {
  it('fails naming the step, both as a no-op and as a step that exits non-zero, never errors', { timeout: 240_000 }, async () => {
    const [noop, exit] = await runBroken(runs, runs.length, () => {});
    expectFailedNamingAStep(runs[0]!, noop!);
    expectFailedNamingAStep(runs[1]!, exit!);
    expect(noop!.reasons.find((r) => r.startsWith('runbook step "db.terminate-stuck"'))).toMatch(
      /^runbook step "db\.terminate-stuck" ran \(exit 0\) but its postcondition "PostgreSQL accepts a new connection as the application's role" did not hold within 5000 ms \(last seen: \w+ refused \(53300\)[^)]*\); still not restored: /,
    );
    expect(exit!.reasons.find((r) => r.startsWith('runbook step "db.pool-status"'))).toMatch(
      /^runbook step "db\.pool-status" exited with status 3: remediation broken on purpose; still not restored: /,
    );
    // The integrity check answered on the full server: data loss measured, not "not measured".
    for (const result of [noop!, exit!]) expect(result.measured.dataLoss, result.reason).not.toBeNull();
  });
});
