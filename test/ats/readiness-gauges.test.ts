import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../fixtures/ats/order-gateway/readiness.ts';
import { startReadinessGauges } from '../../fixtures/ats/order-gateway/readiness-gauges.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

// gateway_ready before the gateway's first readiness report: an unlabelled
// gauge never set reads 0, which would say "not ready" (GatewayNotReady
// pending) of a gateway nobody has checked yet. Pure, on a stand-in.
const ready: ReadinessReport = {
  ready: true,
  checks: { postgres: { ok: true }, redis: { ok: true }, risk: { ok: true }, exchange: { ok: true } },
};

describe('order-gateway readiness gauges', () => {
  it('are absent until the first report, then give it', async () => {
    const registry = new Registry();
    let firstReport: (report: ReadinessReport) => void = () => {};
    const stop = startReadinessGauges(registry, { report: () => new Promise((resolve) => (firstReport = resolve)) });
    try {
      expect(await registry.metrics()).not.toMatch(/^gateway_(ready|dependency_up)\b.* \d$/m);
      firstReport(ready);
      await waitUntil(async () => /^gateway_ready 1$/m.test(await registry.metrics()), { what: 'gateway_ready 1', timeoutMs: 2_000 });
      expect(await registry.metrics()).toMatch(/^gateway_dependency_up\{dependency="redis"\} 1$/m);
    } finally {
      stop();
    }
  });
});
