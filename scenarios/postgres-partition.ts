import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  httpStatus,
  orderRequestsAnswered,
  ordersAcknowledged,
  ordersFilled,
  partition,
  reportsNotReady,
  stepOutputShows,
  transient,
} from '../src/index.ts';

/** Runbook "Postgres connectivity": is the database up, and what does the gateway say? The pool reconnects by itself. */
export const postgresConnectivityStep = { id: 'postgres.check-connectivity' };

export default defineScenario({
  id: 'postgres-partition',
  title: 'The network between the gateway and Postgres partitions',
  description:
    'The gateway→Postgres link drops every connection and refuses new ones for 8 s. The gateway must answer /readyz not ' +
    'ready, naming Postgres, within 5 s and fail cleanly: every order request answered, refused with 503, none left ' +
    'hanging. When the partition heals, order flow and fills must be back within 30 s, with no acknowledged order lost.',
  controls: ['writes fail cleanly during a database partition', 'readiness reflects each dependency', 'no acknowledged order lost'],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000)],
  faults: [transient(partition('gateway-postgres'), 8_000)],
  detection: reportsNotReady('order-gateway', { dependency: 'postgres' }),
  duringFault: [orderRequestsAnswered(2_000)],
  alerts: { fire: [], quiet: ['ExchangeBlocking', 'RedisDown', 'ServiceDown'] },
  remediation: [postgresConnectivityStep],
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'postgres' },
  recovery: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(1_000)],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 30_000 }),
  checks: [
    stepOutputShows(postgresConnectivityStep.id, [
      { what: "pg_isready's answer from the database host", pattern: /:\d+ - (accepting connections|rejecting connections|no response)/ },
      { what: "the gateway's view of Postgres", pattern: /gateway view: \{.*"postgres":\{/ },
    ]),
  ],
});
