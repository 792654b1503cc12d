import { describe, expect, it } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import { findTaggedProcesses, isAlive } from '../../src/runtime/local/tagged-processes.ts';
import { everyServiceScraped } from '../support/monitoring-checks.ts';

describe('local runtime monitoring', () => {
  it('scrapes every service; teardown leaves no process (alerts firing and paging: the release gate scenarios)', { timeout: 120_000 }, async () => {
    const env = await localRuntime.provision(new AbortController().signal);
    let info;
    try {
      info = await env.describe();
      expect(info.monitoring?.prometheus.version).toMatch(/^\d+\.\d+/);
      expect(info.monitoring?.alertmanager.version).toMatch(/^\d+\.\d+/);
      expect(env.variables()).toMatchObject({ PROMETHEUS_URL: info.monitoring?.prometheus.url, ALERTMANAGER_URL: info.monitoring?.alertmanager.url });
      const scrapedMs = await everyServiceScraped(env);
      console.log(`local: every job up ${Math.round(scrapedMs)} ms after provisioning`);
    } finally {
      await env[Symbol.asyncDispose]();
    }
    expect([info.monitoring?.prometheus.pid, info.monitoring?.alertmanager.pid].filter((pid) => pid !== undefined && isAlive(pid))).toEqual([]);
    expect(await findTaggedProcesses(info)).toEqual([]);
    await expect(fetch(info.monitoring!.receiver.url)).rejects.toThrow();
  });
});
