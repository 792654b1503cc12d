/**
 * gateway-hung quickened for the tests that break it on purpose on the local
 * runtime (gateway-hung-noop-reload and gateway-hung-fills-in-flight, one
 * environment each): no alert waited for and a 1 s drain. The scenario as
 * shipped passes in the release gate on both runtimes; what it must show on
 * the local runtime (the probe's timeout, ServiceDown paging, PM2 saying
 * online, the reload) is asserted on the gate's own run
 * (suites/release-gate-local.ts), not on another environment here.
 */
import { acknowledgedOrdersIntegrity, type Scenario } from '../../src/index.ts';

export const quick = (scenario: Scenario, id: string): Scenario => ({
  ...scenario,
  id,
  alerts: { fire: [], quiet: scenario.alerts.quiet },
  integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }),
});
