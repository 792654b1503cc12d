import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  httpStatus,
  latency,
  orderBacklogAtMost,
  ordersAcknowledged,
  ordersAcknowledgedWithin,
  ordersFilled,
  reportsNotReady,
  stepOutputShows,
  transient,
} from '../src/index.ts';

/** Runbook "Redis latency": is Redis itself slow, or the network path to it? */
export const redisLatencyCheckStep = { id: 'redis.latency-check' };

// Decision: 500 ms on every Redis answer must not stop trading. Acknowledging an
// order does not wait on Redis, so the gateway keeps acknowledging with a p95
// of at most 250 ms; it reports Redis as degraded on /readyz; dispatch slows to
// what the Redis round trips allow and the backlog drains once the latency is gone.
export default defineScenario({
  id: 'redis-latency',
  title: '500 ms of latency between the gateway and Redis',
  description:
    'Every Redis answer to the gateway arrives 500 ms late for 10 s. The gateway must keep acknowledging orders with a p95 ' +
    'latency of at most 250 ms throughout, and report Redis degraded on /readyz (answering not ready, naming Redis) within ' +
    '5 s. The runbook checks whether Redis or the network is slow. Once the latency is gone, readiness, fills and a ' +
    'normal dispatch backlog (≤ 20 orders) must be back within 30 s, with every acknowledged order filled exactly once.',
  controls: [
    'order acknowledgement does not depend on Redis round trips',
    'readiness reflects a degraded dependency',
    'no acknowledged order lost',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  // The acknowledgement target is part of the steady state: a machine too busy to meet it before the fault
  // aborts the drill (inconclusive) instead of blaming the fault.
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000), ordersAcknowledgedWithin(250)],
  faults: [transient(latency('gateway-redis', { latencyMs: 500 }), 10_000)],
  detection: reportsNotReady('order-gateway', { dependency: 'redis' }),
  duringFault: [ordersAcknowledgedWithin(250)],
  alerts: { fire: [], quiet: ['ExchangeBlocking', 'ServiceDown'] },
  remediation: [redisLatencyCheckStep],
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'redis' },
  recovery: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(1_000), orderBacklogAtMost(20)],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 30_000 }),
  checks: [
    stepOutputShows(redisLatencyCheckStep.id, [
      { what: 'the PING time from the Redis host', pattern: /PING from the Redis host: \d+ ms/ },
      { what: "the gateway's view of Redis", pattern: /gateway view: \{.*"redis":\{/ },
    ]),
  ],
});
