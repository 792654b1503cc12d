import { describe, expect, it } from 'vitest';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import { logPipelineScraped, stallRestartAndCatchUp } from '../support/log-pipeline-checks.ts';

describe('the log pipeline on the local runtime', () => {
  it("ships the services' logs, is scraped, lags while its link stalls, and `pm2 restart log-shipper` during the stall loses nothing", {
    timeout: 120_000,
  }, async () => {
    await using env = await localRuntime.provision(new AbortController().signal);
    expect(env.variables()).toMatchObject({
      LOG_SINK_URL: env.service('log-sink').url,
      LOG_SHIPPER_URL: env.service('log-shipper').url,
      LOG_DIR: expect.stringMatching(/\/logs$/),
    });
    await logPipelineScraped(env);
    const measured = await stallRestartAndCatchUp(env);
    console.log(
      `local: lag past 3 s ${Math.round(measured.lagAbove3sMs)} ms after the stall; restart step ${measured.restartMs} ms; back under 2 s ${Math.round(measured.caughtUpMs)} ms after it ended; ${measured.integrity}`,
    );
    // The lag counts from the newest canary received, up to a canary interval and a push cycle (~1.3 s) old at injection.
    expect(measured.lagAbove3sMs).toBeGreaterThan(1_500);
    expect(measured.lagAbove3sMs).toBeLessThan(5_000);
  });
});
