import { describe, expect, it } from 'vitest';
import gatewayHung, { pm2StatusStep, reloadGatewayStep } from '../../scenarios/gateway-hung.ts';
import { expectFailedNamingAStep } from '../support/broken-remediation.ts';
import { runOneScenario } from '../support/run-one-scenario.ts';
import { quick } from './gateway-hung-quick.ts';

// gateway-hung on the local runtime with its reload step replaced by a no-op:
// it must fail naming pm2.reload-gateway (the hung gateway is still the old
// process). Quickened: see gateway-hung-quick.ts.
const noopReload = quick(
  { ...gatewayHung, remediation: [pm2StatusStep, { ...reloadGatewayStep, run: 'true' }] },
  'gateway-hung-noop-reload',
);

describe('gateway-hung (local runtime), its reload a no-op', () => {
  it('fails naming pm2.reload-gateway when the reload is a no-op: the hung process is still the gateway', {
    timeout: 180_000,
  }, async () => {
    const { result: noop } = await runOneScenario(noopReload);
    expectFailedNamingAStep({ scenario: noopReload, breakage: 'a no-op' }, noop);
    expect(noop.reasons[0]).toMatch(
      /^runbook step "pm2\.reload-gateway" ran \(exit 0\) but its postcondition "order-gateway's process started after the step began" did not hold within 5000 ms \(last seen: order-gateway \(pid \d+\) started \d+ ms before the step began\); still not restored: order-gateway \/readyz answers 200: \/readyz: no answer within the probe's 3000 ms timeout/,
    );
    // pm2.status ran as written, and showed PM2 calling the hung gateway online.
    expect(noop.checks.find((c) => c.name.startsWith('pm2.status shows'))?.ok).toBe(true);
  });
});
