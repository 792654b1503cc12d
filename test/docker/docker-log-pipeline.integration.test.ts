import { expect, it } from 'vitest';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { logPipelineScraped, stallRestartAndCatchUp } from '../support/log-pipeline-checks.ts';
import { dockerRuntimeUnavailable } from './docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

const unavailable = await dockerRuntimeUnavailable('docker log pipeline tests');

describeWithDocker('the log pipeline on the docker runtime', unavailable, () => {
  it("ships the containers' log files, is scraped, lags while its link stalls, and `docker restart $LOG_SHIPPER_CONTAINER` during the stall loses nothing", {
    timeout: 120_000,
  }, async () => {
    await using env = await dockerRuntime.provision(new AbortController().signal);
    const info = await env.describe();
    expect(env.variables()).toMatchObject({
      LOG_SINK_URL: env.service('log-sink').url,
      LOG_SHIPPER_URL: env.service('log-shipper').url,
      LOG_SINK_CONTAINER: info.services['log-sink']!.container,
      LOG_SHIPPER_CONTAINER: info.services['log-shipper']!.container,
      LOG_DIR: expect.stringMatching(/\/logs$/),
    });
    await logPipelineScraped(env);
    const measured = await stallRestartAndCatchUp(env);
    console.log(
      `docker: lag past 3 s ${Math.round(measured.lagAbove3sMs)} ms after the stall; restart step ${measured.restartMs} ms; back under 2 s ${Math.round(measured.caughtUpMs)} ms after it ended; ${measured.integrity}`,
    );
    // The lag counts from the newest canary received, up to a canary interval and a push cycle (~1.3 s) old at injection.
    expect(measured.lagAbove3sMs).toBeGreaterThan(1_500);
    expect(measured.lagAbove3sMs).toBeLessThan(5_000);
  });
});
