import {
  acknowledgedOrdersIntegrity,
  combinedIntegrity,
  defineScenario,
  httpStatus,
  ingestionLagAbove,
  ingestionLagBelow,
  logPushLoss,
  logVolume,
  ordersAcknowledged,
  shippedLogsIntegrity,
  stepOutputShows,
  transient,
} from '../src/index.ts';
import { isShippedLogFile } from '../fixtures/ats/log-shipper/shipped-files.ts';
import { logsLagCheckStep, logsRestartShipperStep } from './loki-ingestion-lag.ts';

/** How long the pushes are lost: past detection (lag > 30 s), the health check and the restart, with some 15 s to spare. */
export const pushLossMs = 50_000;
/**
 * The log volume: the services log a few lines a second, too few to keep a
 * batch in flight; with 200 lines/s the shipper holds thousands of unacknowledged
 * lines at the restart, 1,000 (its batch) of them in the push being lost.
 */
export const loadLinesPerSec = 200;

// Timing. From the fault on, every push the shipper sends to the log sink is
// thrown away by the link (Toxiproxy's `timeout`: the bytes are dropped and
// the connection closed after 1 s), so nothing sent during the fault can
// arrive later, unlike loki-ingestion-lag's stall, which holds the bytes and
// delivers them, abandoned pushes included. The lag passes 30 s about 31 s
// in (detection); the health check then fails naming log ingestion and the
// runbook restarts the shipper while pushes are still lost, with a batch in
// flight (a log load of 200 lines/s runs from 2 s before the fault to 5 s
// after it heals). At 50 s the link heals; the restarted shipper must send again everything Loki did not
// acknowledge. A shipper that saves its positions before the acknowledgement
// loses the lines it had sent (test/logs/log-push-loss.integration.test.ts).
export default defineScenario({
  id: 'log-push-loss',
  title: "The log shipper's pushes to Loki are lost in flight while it restarts",
  description:
    'Under a log load of 200 lines/s, every push the log shipper sends to Loki (the log-sink) is dropped by the link for 50 s: ' +
    'the sink never receives it, and the connection closes after 1 s. The ingestion lag must be seen above 30 s within 40 s, without ServiceDown paging ' +
    'anyone; trading goes on. The runbook checks the lag and restarts the shipper while pushes are still being lost. Once ' +
    'the link heals, the lag must fall back under 30 s within 60 s of the remediation, with every log line written stored ' +
    'exactly once and no acknowledged order lost.',
  controls: [
    'runbook: Loki ingestion lag → check the lag, restart the log shipper',
    'restarting the log shipper loses no log line even when its pushes were lost (positions saved only once Loki acknowledged)',
    'a lossy log pipeline does not stop trading',
    'no log line lost or stored twice; no acknowledged order lost',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 40_000, recoveryMs: 60_000, dataLoss: 0 },
  steadyState: [ingestionLagBelow(5), httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000)],
  faults: [
    transient(logVolume({ linesPerSec: loadLinesPerSec, settleMs: 2_000 }), pushLossMs + 5_000),
    transient(logPushLoss({ mode: 'drop', closeAfterMs: 1_000 }), pushLossMs),
  ],
  detection: ingestionLagAbove(30),
  alerts: { quiet: ['ServiceDown'] },
  duringFault: [ordersAcknowledged(2_000)],
  remediation: [logsLagCheckStep, logsRestartShipperStep],
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'log ingestion' },
  recovery: [ingestionLagBelow(30), ordersAcknowledged(1_000)],
  integrity: combinedIntegrity(
    acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
    shippedLogsIntegrity({ drainMs: 30_000, isShipped: isShippedLogFile }),
  ),
  checks: [
    stepOutputShows(logsLagCheckStep.id, [
      { what: "Prometheus' answer on the lag", pattern: /"status":"success"/ },
      { what: "the shipper's backlog", pattern: /^shipper_pending_lines(\{[^}]*\})? \d/m },
    ]),
  ],
});
