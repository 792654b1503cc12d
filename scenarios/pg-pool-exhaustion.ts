import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  httpStatus,
  ordersAcknowledged,
  ordersFilled,
  poolExhaustion,
  postgresAcceptsAppRole,
  postgresConnectionSlotsFree,
  postgresExtensionInstalled,
  postgresSettingInEffect,
  refusedOrdersNotPersisted,
  reportsNotReady,
  stuckClientName,
} from '../src/index.ts';

/**
 * Runbook "Database pool exhaustion", its four steps as written. Raising
 * max_connections only takes effect at a restart: the observations after it
 * record the setting pending and the slots still full, so the evidence shows it
 * gave nothing back; ending the stuck sessions is what must restore service.
 */
export const poolExhaustionSteps = [
  { id: 'db.pool-status' },
  {
    id: 'db.raise-max-connections',
    observe: [postgresSettingInEffect('max_connections'), postgresConnectionSlotsFree(), postgresAcceptsAppRole()],
  },
  {
    id: 'db.terminate-stuck',
    postcondition: { probe: postgresAcceptsAppRole(), withinMs: 5_000 },
    observe: [postgresConnectionSlotsFree()],
    // The stuck client's sessions, and no other: the gateway's pool, market data and risk keep theirs.
    touches: { postgresSessions: [stuckClientName] },
  },
  { id: 'db.timescale-check', onlyIf: postgresExtensionInstalled('timescaledb') },
];

export default defineScenario({
  id: 'pg-pool-exhaustion',
  title: "A stuck client exhausts the gateway's Postgres pool, then the server's connections",
  description:
    "A client in the application's role locks the orders table and stays idle in transaction, so the gateway's writes block " +
    'and its pool of 10 fills; 2 s later it holds every connection slot left for non-superusers until PostgreSQL refuses ' +
    'with 53300. The gateway must answer /readyz not ready, naming Postgres, within 5 s, GatewayNotReady must fire within ' +
    "20 s and DbPoolSaturated within 45 s; RedisDown, ExchangeBlocking and ServiceDown must stay quiet. The runbook's steps " +
    'run as written, the evidence recording what raising max_connections changed (a setting pending a restart, the slots ' +
    'still full); ending the sessions idle in transaction must restore order flow and fills within 30 s, with no ' +
    'acknowledged order lost and no refused order executed. The TimescaleDB check runs only where the extension is installed.',
  controls: [
    'runbook: Database pool exhaustion → its steps restore trading within 30 s',
    'DbPoolSaturated and GatewayNotReady page on pool exhaustion',
    'readiness reflects each dependency',
    'no acknowledged order lost',
    'a refused order is never executed',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000)],
  faults: [poolExhaustion()],
  // The gateway's own answer: its Postgres check waits 1.5 s for a pool client, the probe 3 s for the answer.
  detection: reportsNotReady('order-gateway', { dependency: 'postgres' }),
  alerts: {
    fire: [
      { alert: 'GatewayNotReady', withinMs: 20_000 },
      { alert: 'DbPoolSaturated', withinMs: 45_000 },
    ],
    quiet: ['RedisDown', 'ExchangeBlocking', 'ServiceDown'],
  },
  remediation: poolExhaustionSteps,
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'postgres' },
  recovery: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(1_000)],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 30_000 }),
  checks: [refusedOrdersNotPersisted()],
});
