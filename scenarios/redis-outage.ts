import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  httpStatus,
  killService,
  noOrderAcknowledgedWhile,
  ordersAcknowledged,
  redisAnswersPing,
  redisUnreachable,
  reportsNotReady,
  type ServiceName,
} from '../src/index.ts';

/** Runbook "Redis outage": restart Redis (the runbook says how, per runtime); afterwards Redis must answer. */
export const redisRestartStep = {
  id: 'redis.restart',
  postcondition: { probe: redisAnswersPing(), withinMs: 5_000 },
  // It restarts Redis, and nothing else: every other service keeps its process.
  touches: { services: ['redis'] satisfies ServiceName[] },
};

export default defineScenario({
  id: 'redis-outage',
  title: 'Redis is killed while orders flow',
  description:
    'SIGKILL the Redis server behind the rate gate while orders flow. The gateway must answer /readyz not ready, naming ' +
    'Redis, within 5 s, and refuse every order while Redis is gone (it cannot rate-limit them: none acknowledged); the ' +
    'runbook restarts Redis; readiness and order flow must be back within 30 s with every acknowledged order persisted ' +
    'and filled exactly once.',
  controls: [
    'runbook: Redis outage → restart restores trading within 30 s',
    'readiness reflects each dependency',
    'no order acknowledged that cannot be rate-limited',
    'no acknowledged order lost',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000)],
  faults: [killService('redis', 'SIGKILL')],
  detection: reportsNotReady('order-gateway', { dependency: 'redis' }),
  // The gateway sees its Redis connection drop at once; 250 ms (one look of the fault watch) to notice is generous.
  duringFault: [noOrderAcknowledgedWhile(redisUnreachable(), { noticeMs: 250 })],
  // Both rules have `for: 10s`; scrape and evaluation every second.
  alerts: {
    fire: [
      { alert: 'RedisDown', withinMs: 15_000 },
      { alert: 'GatewayNotReady', withinMs: 15_000 },
    ],
    quiet: ['ExchangeBlocking', 'ServiceDown'],
  },
  remediation: [redisRestartStep],
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'redis' },
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
});
