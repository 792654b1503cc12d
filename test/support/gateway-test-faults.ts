/**
 * A local runtime whose order gateway runs with test-only faults
 * (fixtures/ats/order-gateway/test-faults.ts) in GATEWAY_TEST_FAULTS. For tests
 * that break a promise of the gateway on purpose and watch the harness fail
 * naming it.
 */
import type { TestFault } from '../../fixtures/ats/order-gateway/test-faults.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';
import { localRuntimeWithServiceEnv } from './service-env-runtime.ts';

export function localRuntimeWithGatewayFaults(faults: readonly TestFault[]): Runtime {
  return localRuntimeWithServiceEnv('order-gateway', { GATEWAY_TEST_FAULTS: faults.join(',') });
}
