import {
  connectionRefused,
  defineScenario,
  httpStatus,
  ordersAcknowledged,
  ordersFilled,
  restoreIntegrity,
  type RestoreIntegrityOptions,
  type ScenarioInput,
  type ServiceName,
  type TableChecks,
  totalLoss,
  walArchivingWorks,
} from '../src/index.ts';

/** The reference ATS's tables across a restore: each by when its rows are written, orders without what changes after. */
export const referenceTables: TableChecks = {
  compare: [
    // Status, updated_at and the dispatcher's claim change after the order is placed: compared, they would differ for
    // every order that moved on in the loss window.
    { table: 'orders', writtenAt: 'created_at', columns: ['id', 'client_order_id', 'symbol', 'side', 'qty', 'price', 'created_at'] },
    { table: 'fills', writtenAt: 'filled_at' },
    { table: 'ticks', writtenAt: 'time' },
    // The kill switch's state (its one row, by its last change) and audit trail: a switch engaged before the loss
    // must come back engaged, never released by a restore.
    { table: 'kill_switch', writtenAt: 'changed_at' },
    { table: 'kill_switch_events', writtenAt: 'at' },
  ],
  exclude: { dispatchers: "the gateway processes' leases: renewed every second, and registered afresh by the restored gateways" },
};

const services: ServiceName[] = ['exchange', 'order-gateway', 'market-data', 'risk', 'log-sink', 'log-shipper'];

/** RTO 30 minutes: the runbook's disaster-recovery target (its section says so; lint-runbook checks it). */
const rtoMs = 30 * 60_000;

/** How one restore strategy runs the drill: its backup, its restore, its promise, and what the scenario says. */
export interface RestoreStrategy {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly controls: readonly string[];
  readonly strategy: RestoreIntegrityOptions['strategy'];
  readonly promise: string;
  /** The runbook's backup of the database (a preparation step) and its restore (a remediation step). */
  readonly backupStep: string;
  readonly restoreStep: string;
  readonly lossWindowMs: number;
  /** Runbook steps the strategy needs once the services run (before the verification). */
  readonly afterStart?: ScenarioInput['remediation'];
  readonly appliesTo?: ScenarioInput['appliesTo'];
  /** How long the orders that came back may take to be filled by the restored system: 20 s unless said (a must-fail test's shorter). */
  readonly drainMs?: number;
}

/**
 * The drill for one strategy: the backups taken with orders flowing, a loss window, total loss, then the runbook's
 * DR section: clean hosts, the database restored the strategy's way, Redis, the services, verification, the smoke suite.
 */
export function restoreFromBackups(strategy: RestoreStrategy) {
  const integrity = restoreIntegrity({
    backupStep: strategy.backupStep,
    restoreStep: strategy.restoreStep,
    strategy: strategy.strategy,
    promise: strategy.promise,
    tables: referenceTables,
    drainMs: strategy.drainMs ?? 20_000,
  });
  return defineScenario({
    id: strategy.id,
    title: strategy.title,
    description: strategy.description,
    controls: [...strategy.controls],
    ...(strategy.appliesTo ? { appliesTo: strategy.appliesTo } : {}),
    workload: { ordersPerSec: 20 },
    targets: { detectMs: 5_000, recoveryMs: rtoMs, rtoMs, dataLoss: 0 },
    steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000)],
    // Backups take no service down, restart nothing and end no session.
    preparation: [{ id: strategy.backupStep }, { id: 'backup.redis' }],
    faults: [
      totalLoss({
        lossWindowMs: strategy.lossWindowMs,
        beforeWindow: (env) => integrity.watch(env),
        beforeLoss: (env) => integrity.capture(env),
        afterLoss: (env) => integrity.lost(env),
      }),
    ],
    // The gateway's port refuses connections: its process is gone (a hang would not be refused).
    detection: connectionRefused('order-gateway'),
    // Prometheus lives off the lost hosts: it sees every target go (`up == 0`, `for: 10s`, scraped every second).
    alerts: { fire: [{ alert: 'ServiceDown', withinMs: 20_000 }], quiet: [] },
    remediation: [
      { id: 'dr.provision', touches: { services: ['postgres', 'redis'] } },
      { id: strategy.restoreStep, touches: { services: ['postgres'] } },
      { id: 'dr.restore-redis', touches: { services: ['redis'] } },
      { id: 'dr.start-services', touches: { services } },
      ...(strategy.afterStart ?? []),
      { id: 'dr.verify' },
      { id: 'rollback.smoke' },
    ],
    healthCheck: { step: { id: 'health.check' }, failsNaming: 'order-gateway' },
    integrity: (context) => integrity.check(context),
    timeouts: { steadyStateMs: 30_000, overrunMs: 60_000 },
  });
}

/** dr-restore's strategy: a dump and the runbook's restore of it. */
export const dumpRestore: RestoreStrategy = {
  id: 'dr-restore',
  title: 'Total loss, restored from the last backups',
  description:
    'With orders, fills and the rate gate flowing, the runbook takes its Postgres dump and Redis backup; trading goes ' +
    'on for 5 s (the loss window); then every process and data directory of the system is lost. The runbook provisions ' +
    'clean hosts, restores the latest dump and RDB, starts the services, resumes WAL archiving, verifies the restore ' +
    'and runs the ' +
    'post-rollback smoke suite. Judged: total loss → operational within the 30-minute RTO (each step timed); every ' +
    'order acknowledged before the backup back and filled, every order sent after it missing (the recovery point, ' +
    'accounted order by order); every table’s rows written before the backup restored with the same values.',
  controls: [
    'runbook: disaster recovery within 30 minutes (RTO)',
    'RPO: Postgres restored to its last dump, every acknowledged order accounted for',
    'backup restoration tested, restored data checked table by table',
  ],
  strategy: 'logical',
  promise: 'every order acknowledged before the backup started',
  backupStep: 'backup.postgres',
  restoreStep: 'dr.restore-postgres',
  lossWindowMs: 5_000,
  // A fresh cluster's WAL segment names collide with the lost one's archive: archiving stalls until the runbook
  // sets the old archive aside (a finding of this drill). After a point-in-time restore the new timeline avoids it.
  afterStart: [{ id: 'dr.resume-archiving', postcondition: { probe: walArchivingWorks(10_000), withinMs: 20_000 } }],
};

export default restoreFromBackups(dumpRestore);
