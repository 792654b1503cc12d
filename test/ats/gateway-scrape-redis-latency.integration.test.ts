import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latency } from '../../src/faults/latency.ts';
import { prometheusUrl } from '../../src/probes/alert-state.ts';
import { prometheusQuery } from '../../src/probes/prometheus-query.ts';
import { describeScrapes, scrapesBetween } from '../../src/probes/scrape-health.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

// The gateway's /metrics must not wait on Redis. Its rate-gate gauges were
// read from Redis at scrape time: with Redis slow (redis-latency injects
// 500 ms; here 2 s), every scrape took as long as a Redis round trip, and past
// Prometheus' 1 s timeout it failed: every series of the gateway stale, each
// alert pending on one reset, and ServiceDown paging for a gateway that
// answers. They are now read in the background (rate-gate-gauges.ts).
// Prometheus' own record of its scrapes is the judge (scrape-health.ts).
let env: Environment;
const signal = new AbortController().signal;

beforeAll(async () => {
  env = await localRuntime.provision(signal);
}, 90_000);

afterAll(async () => {
  await env?.[Symbol.asyncDispose]();
});

describe('order-gateway /metrics with Redis slow', () => {
  it('is scraped on time while Redis answers 2 s late, its rate-gate gauges still there', { timeout: 60_000 }, async () => {
    const url = prometheusUrl(env);
    await waitUntil(async () => (await prometheusQuery(url, 'rate_gate_blocked{job="order-gateway"}')).length > 0, {
      what: "the gateway's rate-gate gauges scraped",
      timeoutMs: 20_000,
    });
    const slowRedis = await latency('gateway-redis', { latencyMs: 2_000 }).inject(env, signal);
    const from = Date.now();
    try {
      await sleep(8_000);
    } finally {
      await slowRedis.revert();
    }
    const targets = await scrapesBetween(url, from, Date.now());
    console.log(`Prometheus' scrapes with Redis 2 s late for the gateway: ${describeScrapes(targets)}`);
    const gateway = targets.find((t) => t.job === 'order-gateway');
    expect(gateway?.attempts).toBeGreaterThanOrEqual(4);
    expect(gateway?.failed, describeScrapes(targets)).toBe(0);
    expect(await prometheusQuery(url, 'rate_gate_blocked{job="order-gateway"}')).toHaveLength(1);
  });
});
