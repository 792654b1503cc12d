import {
  acknowledgedOrdersIntegrity,
  allOf,
  combinedIntegrity,
  defineScenario,
  httpStatus,
  ingestionLagAbove,
  ingestionLagBelow,
  logLag,
  ordersAcknowledged,
  type ServiceName,
  serviceRestartedByStep,
  shippedLogsIntegrity,
  stepOutputShows,
  transient,
} from '../src/index.ts';
import { isShippedLogFile } from '../fixtures/ats/log-shipper/shipped-files.ts';

/** Runbook "Loki ingestion lag": how late are the logs, and is the shipper holding a backlog? */
export const logsLagCheckStep = { id: 'logs.lag-check' };
/**
 * Then restart the shipper; it resumes from its saved positions. Afterwards
 * it must answer again, from a process started after the step began: a
 * restart that restarted nothing fails.
 */
export const logsRestartShipperStep = {
  id: 'logs.restart-shipper',
  postcondition: {
    probe: allOf(httpStatus('log-shipper', '/healthz'), serviceRestartedByStep('log-shipper')),
    withinMs: 10_000,
  },
  // The shipper alone, "not the trading services".
  touches: { services: ['log-shipper'] satisfies ServiceName[] },
};

// Timing. The shipper's link to the log sink stalls for 75 s. The lag (the
// age of the newest canary the sink received; the shipper writes one a
// second) passes 30 s about 30 s in: detection. LokiIngestionLagHigh (`> 30`)
// goes pending at the next scrape and evaluation (a second each; 29.4-31.2 s
// in, measured over 16 gate runs of the production rule) and, its `for`
// shortened from 2m to 20 s for the drill, fires about 51 s in (its target:
// 55 s). The operator is paged and runs the runbook: the health check, the
// lag check, then the shipper restart (about 2 s in all, measured), while the
// stall is still on, at least 20 s before it heals (so the restart must lose
// nothing). At 75 s the link heals by itself, as a network does, and the
// backlog drains: recovery is measured from the remediation, so it includes
// the rest of the stall (about 20 s) and the catch-up.
const lagPastThresholdMs = 30_000;
const overriddenForS = 20;
/** One scrape and one evaluation (a second each), the canary's one-second cadence, and headroom for a loaded machine. */
const scrapeAndEvaluationMs = 5_000;
const alertWithinMs = lagPastThresholdMs + overriddenForS * 1000 + scrapeAndEvaluationMs;
const stallMs = 75_000;

export default defineScenario({
  id: 'loki-ingestion-lag',
  title: "The log shipper's link to Loki stalls for 75 s",
  description:
    `Everything the log shipper pushes to Loki (the log-sink) hangs for ${stallMs / 1000} s. The ingestion lag must be seen ` +
    `above 30 s within 40 s and LokiIngestionLagHigh must fire within ${alertWithinMs / 1000} s (its \`for: 2m\` shortened ` +
    `to ${overriddenForS} s in this drill; promtool tests the real one), without ServiceDown paging anyone; trading goes on. ` +
    'The runbook checks the lag and restarts the shipper while the link is still stalled. Once it heals, the lag must ' +
    'fall back under 30 s within 60 s of the remediation, with every log line written stored exactly once and no ' +
    'acknowledged order lost.',
  controls: [
    'LokiIngestionLagHigh fires (ticket) when logs reach Loki over 30 s late for 2 minutes: its expression here, its ' +
      `\`for\` shortened to ${overriddenForS} s in the drill; promtool tests the real \`for: 2m\` (fixtures/prometheus/tests)`,
    'runbook: Loki ingestion lag → check the lag, restart the log shipper',
    // Not claimed here: that a restart loses no line. The stall holds pushes and delivers them when it heals, abandoned
    // ones included, and at this log volume every unshipped line is in the push held: a shipper saving its positions on
    // read, or on send, passed this scenario (measured). log-push-loss makes that claim, under a fault that loses pushes.
    'a stalled log pipeline does not stop trading',
    'no log line lost or stored twice; no acknowledged order lost',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 40_000, recoveryMs: 60_000, dataLoss: 0 },
  steadyState: [ingestionLagBelow(5), httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000)],
  faults: [transient(logLag(), stallMs)],
  detection: ingestionLagAbove(30),
  alerts: {
    fire: [{ alert: 'LokiIngestionLagHigh', withinMs: alertWithinMs }],
    quiet: ['ServiceDown'],
  },
  alertRuleOverrides: [
    {
      alert: 'LokiIngestionLagHigh',
      for: `${overriddenForS}s`,
      reason:
        'the production for: 2m would hold the drill three minutes; 20 s still needs twenty evaluations of a lag past 30 s ' +
        'before the page, and the expression is unchanged',
    },
  ],
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
