import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { RateGateState } from '../../fixtures/ats/order-gateway/rate-gate.ts';
import { startRateGateGauges } from '../../fixtures/ats/order-gateway/rate-gate-gauges.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

// The gateway's rate-gate gauges on a stand-in gate (pure; the real gateway
// scraped by a real Prometheus while Redis is slow:
// test/ats/gateway-scrape-redis-latency.integration.test.ts).
const blockedTwice: RateGateState = { exchange: 'mock', blocked: true, blockedForMs: 1_000, strikes: 2, effectiveRatePerSec: 12.5 };

describe('order-gateway rate-gate gauges', () => {
  it('a scrape reads the last state read in the background and never waits on Redis; absent until the first read; kept while reads fail', async () => {
    const registry = new Registry();
    let reads = 0;
    let firstRead: (state: RateGateState) => void = () => {};
    const stop = startRateGateGauges(registry, {
      state: () => {
        reads++;
        if (reads === 1) return new Promise((resolve) => (firstRead = resolve)); // Redis slow to answer
        return Promise.reject(new Error('Command timed out'));
      },
    });
    try {
      const beforeFirstRead = await registry.metrics();
      expect(beforeFirstRead).not.toMatch(/^rate_gate_(blocked|strikes) /m);
      expect(reads).toBe(1);

      firstRead(blockedTwice);
      await waitUntil(async () => /^rate_gate_blocked 1$/m.test(await registry.metrics()), { what: 'blocked read', timeoutMs: 2_000 });
      await waitUntil(async () => reads >= 3, { what: 'two failed reads after it', timeoutMs: 3_000 });
      const readsBefore = reads;
      const metrics = await registry.metrics();
      expect(reads).toBe(readsBefore);
      expect(metrics).toMatch(/^rate_gate_blocked 1$/m);
      expect(metrics).toMatch(/^rate_gate_strikes 2$/m);
    } finally {
      firstRead(blockedTwice); // else the loop, and stop(), would wait on it for ever
      await stop();
    }
  });
});
