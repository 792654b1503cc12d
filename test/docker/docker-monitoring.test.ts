import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { everyServiceScraped } from '../support/monitoring-checks.ts';
import { containersOf, dockerRuntimeUnavailable } from './docker-fixtures.ts';

const unavailable = await dockerRuntimeUnavailable('docker monitoring tests');

describe.skipIf(unavailable !== undefined)('docker runtime monitoring', () => {
  it('Prometheus and Alertmanager containers scrape every service; teardown leaves no container (alerts firing and paging: the release gate scenarios)', { timeout: 120_000 }, async () => {
    const env = await dockerRuntime.provision(new AbortController().signal);
    let info;
    try {
      info = await env.describe();
      for (const monitor of [info.monitoring!.prometheus, info.monitoring!.alertmanager]) {
        expect(monitor.version).toMatch(/^\d+\.\d+/);
        const { stdout } = await execa('docker', ['inspect', '--format', '{{.Image}}', monitor.container!]);
        expect(stdout).toBe(monitor.image!.id);
      }
      expect(env.variables()).toMatchObject({ PROMETHEUS_URL: info.monitoring!.prometheus.url, ALERTMANAGER_URL: info.monitoring!.alertmanager.url });
      const scrapedMs = await everyServiceScraped(env);
      console.log(`docker: every job up ${Math.round(scrapedMs)} ms after provisioning`);
    } finally {
      await env[Symbol.asyncDispose]();
    }
    expect(await containersOf(info.id)).toEqual([]);
    await expect(fetch(info.monitoring!.receiver.url)).rejects.toThrow();
  });
});
