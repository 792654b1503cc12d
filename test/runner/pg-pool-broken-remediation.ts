/**
 * The case issue 11 found: a pool-exhaustion remediation that frees no slot
 * (a no-op), or fails outright, leaves the server refusing the application's
 * role, and the run ended errored. It must fail, naming the step. As on call:
 * the steps run once GatewayNotReady has paged (about 13 s), long enough for
 * the harness's idle connections to close and the stuck client to take their
 * slots, so its reads meet a full server. One breakage a file
 * (broken-remediation-no-op, broken-remediation-exit), one environment each;
 * every scenario both ways is `npm run drill:broken-remediation`.
 */
import { expect } from 'vitest';
import pgPoolExhaustion from '../../scenarios/pg-pool-exhaustion.ts';
import type { ScenarioResult } from '../../src/index.ts';
import { type Breakage, type BrokenRun, expectFailedNamingAStep, runBroken } from '../support/broken-remediation.ts';

const paged = pgPoolExhaustion.alerts.fire.filter((a) => a.alert === 'GatewayNotReady');

/** pg-pool-exhaustion with its steps replaced by `breakage`, run once: failed naming a step, its data loss measured. */
export async function pgPoolWithBrokenRemediation(breakage: Breakage): Promise<ScenarioResult> {
  const run: BrokenRun = { scenario: pgPoolExhaustion, breakage, waitFor: paged };
  const [result] = await runBroken([run], 1, () => {});
  expectFailedNamingAStep(run, result!);
  // The integrity check answered on the full server: data loss measured, not "not measured".
  expect(result!.measured.dataLoss, result!.reason).not.toBeNull();
  return result!;
}
