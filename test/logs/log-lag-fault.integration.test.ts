import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { logLag } from '../../src/faults/log-lag.ts';
import { ingestionLagAbove, ingestionLagBelow } from '../../src/probes/log-ingestion-lag.ts';
import { isShippedLogFile } from '../../fixtures/ats/log-shipper/shipped-files.ts';
import { shippedLogsIntegrity } from '../../src/probes/log-integrity.ts';
import { logSinkState } from '../../src/probes/log-sink-api.ts';
import type { Observation, Probe, ProbeContext } from '../../src/probes/probe.ts';
import { faultProxyClient, type FaultProxyClient } from '../../src/proxy-client/fault-proxy-client.ts';
import { proxiedLink } from '../../src/proxy-client/proxied-link.ts';
import { type ProxyServer, startProxyServer } from '../../src/proxy/proxy-server.ts';
import type { Environment, LinkName } from '../../src/runtime/runtime.ts';
import { type FixtureProcess, startFixture } from './fixture-process.ts';

// The logLag fault on a real fault proxy between a real shipper and a real
// sink: the lag the sink measures grows while it is on and falls after revert.
const link: LinkName = 'shipper-logsink';
const signal = new AbortController().signal;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the log-lag fault (shipper → log-sink through the fault proxy)', () => {
  let dir: string;
  let proxy: ProxyServer;
  let client: FaultProxyClient;
  let sink: FixtureProcess;
  let shipper: FixtureProcess;
  let env: Environment;
  let context: ProbeContext;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-log-lag-'));
    await mkdir(join(dir, 'logs'));
    sink = await startFixture('log-sink', {});
    proxy = await startProxyServer({ port: 0 });
    client = faultProxyClient(proxy.url);
    const [state] = await client.populate([{ name: link, listen: '127.0.0.1:0', upstream: `127.0.0.1:${sink.port}` }]);
    shipper = await startFixture('log-shipper', {
      LOKI_URL: `http://${state!.listen}`,
      LOG_DIR: join(dir, 'logs'),
      SHIPPER_POSITIONS_FILE: join(dir, 'positions.json'),
      SHIPPER_PUSH_TIMEOUT_MS: '2000',
      SHIPPER_MAX_BACKOFF_MS: '500',
      SHIPPER_CANARY_INTERVAL_MS: '200',
    });
    env = {
      id: 'test',
      runtime: 'local',
      link: (name: LinkName) => proxiedLink(client, name),
      service: () => ({ url: sink.url }),
      variables: () => ({ LOG_DIR: join(dir, 'logs') }),
    } as unknown as Environment;
    context = { env, signal } as unknown as ProbeContext;
  });
  afterAll(async () => {
    await shipper?.stop();
    await sink?.stop();
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const lag = async () => (await logSinkState(env)).lagSeconds;
  const holds = (probe: Probe, timeoutMs: number) =>
    waitUntil(async () => (await probe.observe(context)).ok, { what: probe.name, timeoutMs, intervalMs: 50 });

  it('a stall: the lag grows one second a second (±0.3 s) past 3 s, nothing arrives; after revert it is under 1 s within 2 s, nothing lost', async () => {
    await holds(ingestionLagBelow(1), 10_000);
    const injected = await logLag().inject(env, signal);
    const injectedAt = Date.now();
    try {
      expect(injected.description).toBe('log shipping lags: traffic stalled until reverted on shipper-logsink');
      // The observation that first held, not a second look (one look later the lag may read otherwise).
      const seen = await waitUntil(
        async () => {
          const observation: Observation = await ingestionLagAbove(3).observe(context);
          return observation.ok && observation;
        },
        { what: 'log-sink ingestion lag above 3 s', timeoutMs: 6_000, intervalMs: 50 },
      );
      // It crossed 3 s when the newest canary was 3 s old: at most one canary interval (+ a push) after injection + 3 s.
      expect(seen.since! - injectedAt).toBeGreaterThan(2_000);
      expect(seen.since! - injectedAt).toBeLessThan(3_600);
      const before = await lag();
      await sleep(1000);
      expect(Math.abs((await lag()) - before - 1)).toBeLessThan(0.3);
    } finally {
      await injected.revert();
      await injected.revert(); // idempotent
    }
    const revertedAt = performance.now();
    await holds(ingestionLagBelow(1), 2_000);
    console.log(`stall: lag back under 1 s ${Math.round(performance.now() - revertedAt)} ms after revert`);
    expect(await client.toxics(link)).toEqual([]);
    const found = await shippedLogsIntegrity({ drainMs: 5_000, isShipped: isShippedLogFile })(context);
    expect(found, found.detail).toMatchObject({ lost: 0, duplicated: 0 });
  });

  it('latency: with 1500 ms on every push the lag stays between 1.5 s and 1.5 s + a push cycle and a canary interval (< 4 s)', async () => {
    await holds(ingestionLagBelow(1), 10_000);
    const injected = await logLag({ latencyMs: 1500 }).inject(env, signal);
    const samples: number[] = [];
    try {
      expect(injected.description).toBe('log shipping lags: 1500 ms (±0) upstream latency on shipper-logsink');
      await sleep(2500); // the first delayed push lands
      for (let i = 0; i < 12; i++, await sleep(250)) samples.push(await lag());
    } finally {
      await injected.revert();
    }
    console.log(`latency 1500 ms: lag samples ${samples.map((s) => s.toFixed(2)).join(' ')}`);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(1.45); // never less than the latency (50 ms for the clocks' granularity)
    expect(Math.max(...samples)).toBeLessThan(4);
    await holds(ingestionLagBelow(1), 5_000);
  });
});
