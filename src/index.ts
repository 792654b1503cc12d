// The public surface: scenarios and suites import from here only.
export { defineScenario, ScenarioDefinitionError, type ScenarioInput } from './scenario/define-scenario.ts';
export type { Scenario, Targets, Check, CheckContext, Integrity, AlertExpectation } from './scenario/scenario.ts';
export { type Uses, usesOf } from './scenario/uses.ts';
export { scenarioNameProblems } from './scenario/scenario-names.ts';
export { ScenarioNamesError } from './scenario/scenario-names-error.ts';
export type { AlertRuleOverride } from './runtime/alert-rule-overrides.ts';
export type { Fault, InjectedFault } from './faults/fault.ts';
export { killService } from './faults/kill-service.ts';
export { pauseService } from './faults/pause-service.ts';
export { renamePm2App } from './faults/pm2-app-rename.ts';
export { badConfigPush } from './faults/bad-config-push.ts';
export { deployRelease } from './faults/deploy-release.ts';
export { exchangeRateLimit } from './faults/exchange-rate-limit.ts';
export { latency } from './faults/latency.ts';
export { bandwidthChoke } from './faults/bandwidth.ts';
export { stall } from './faults/stall.ts';
export { resetPeer } from './faults/reset-peer.ts';
export { partition } from './faults/partition.ts';
export { flapping } from './faults/flapping.ts';
export { transient } from './faults/transient.ts';
export { poolExhaustion, stuckClientName } from './faults/pool-exhaustion.ts';
export { logLag } from './faults/log-lag.ts';
export { drop } from './faults/drop.ts';
export { logPushLoss } from './faults/log-push-loss.ts';
export { logVolume } from './faults/log-volume.ts';
export { marketShock, type MarketShockLeg } from './faults/market-shock.ts';
export { totalLoss } from './faults/total-loss.ts';
export { runawayStrategy, type RunawayStrategyOptions } from './faults/runaway-strategy.ts';
export { restoreIntegrity, type RestoreIntegrityOptions } from './dr/restore-integrity.ts';
export type { TableChecks } from './dr/table-digests.ts';
export { type Probe, type ProbeContext, type Observation, not } from './probes/probe.ts';
export { defaultHttpProbeTimeoutMs, httpStatus } from './probes/http-status.ts';
export { reportsNotReady } from './probes/readiness-report.ts';
export { serviceHangs } from './probes/service-hangs.ts';
export { restartStorm } from './probes/restart-storm.ts';
export { serviceStopped } from './probes/service-stopped.ts';
export { connectionRefused } from './probes/connection-refused.ts';
export type { Supervision } from './runtime/runtime.ts';
export { noOrderAcknowledgedWhile } from './probes/orders-refused-while.ts';
export {
  orderBacklogAtMost,
  orderRequestsAnswered,
  ordersAcknowledged,
  ordersAcknowledgedWithin,
  ordersFilled,
} from './probes/order-flow.ts';
export { redisAnswersPing, redisUnreachable } from './probes/redis-ping.ts';
export { rateGateBanned, rateGateWithoutStrikes } from './probes/rate-gate.ts';
export { exchangeOpenOrders } from './probes/exchange-open-orders.ts';
export { killSwitchRefusesOrders } from './probes/kill-switch-refuses.ts';
export { acknowledgedOrdersIntegrity } from './probes/order-integrity.ts';
export { shippedLogsIntegrity } from './probes/log-integrity.ts';
export { combinedIntegrity } from './probes/combined-integrity.ts';
export { ingestionLagAbove, ingestionLagBelow } from './probes/log-ingestion-lag.ts';
export { alertFiring, alertQuiet } from './probes/alert-state.ts';
export { alertFiresOnlyWhen } from './probes/alert-gated.ts';
export { riskDrawdownAbove, riskDrawdownBelow, riskFiguresFresh } from './probes/risk-figures.ts';
export { postgresAcceptsAppRole } from './probes/postgres-accepts-app-role.ts';
export { postgresConnectionSlotsFree } from './probes/postgres-connection-slots.ts';
export { postgresExtensionInstalled } from './probes/postgres-extension-installed.ts';
export { postgresSettingInEffect } from './probes/postgres-setting.ts';
export { walArchivingWorks } from './probes/wal-archiving.ts';
export { gatewayPoolNotSaturated } from './probes/gateway-pool.ts';
export { serviceRestartedByStep, serviceStartedWithin } from './probes/process-age.ts';
export { pm2RunsAsDeclared } from './probes/pm2-runs-as-declared.ts';
export { noDuplicateSubmissions } from './probes/downstream-duplicates.ts';
export { pm2Version } from './probes/pm2-version.ts';
export { allOf } from './probes/all-of.ts';
export { orderPlacedAndFilled } from './probes/order-filled.ts';
export { orderCancelAnswered } from './probes/order-cancel-answered.ts';
export { scrapedRecently } from './probes/scraped-recently.ts';
export { serviceLogsArrive } from './probes/service-logs-arrive.ts';
export { postRollbackSmoke } from './probe-suites/post-rollback-smoke.ts';
export { type ProbeSuite, type SuiteReport, runProbeSuite } from './probe-suites/probe-suite.ts';
export { ordersServedBy } from './probes/served-by.ts';
export { orderErrorRateAbove } from './probes/order-error-rate.ts';
export { noRequestStorm } from './checks/no-request-storm.ts';
export { guardedRateGateReset } from './checks/guarded-rate-gate-reset.ts';
export { refusedOrdersNotPersisted } from './checks/refused-orders-not-persisted.ts';
export { stepOutputShows } from './checks/step-output-shows.ts';
export { killSwitchSurvivesRestart } from './checks/kill-switch-survives-restart.ts';
export { negativeControl } from './checks/negative-control.ts';
export { riskFollowsMarket } from './checks/risk-follows-market.ts';
export { failedRequests } from './checks/failed-requests.ts';
export { rateGateHeld } from './checks/rate-gate-held.ts';
export { pretradeLimitsHeld } from './checks/pretrade-limits-held.ts';
export type { RunbookStep, StepTranscript } from './runbook/step.ts';
export type { Runtime, ProvisionOptions, Environment, ServiceName, LinkName, BlueGreenHandle, Colour } from './runtime/runtime.ts';
export { defineConfig } from './config/define-config.ts';
export type { ConfigInput, SystemConfig } from './config/config-schema.ts';
export type {
  CancelAnswer,
  Downstream,
  OrderAnswer,
  OrderReadBack,
  OrderRequest,
  WorkloadAdapter,
  WorkloadAdapterFactory,
  WorkloadContext,
} from './workload/workload-adapter.ts';
export { serverTimingMs } from './workload/server-timing.ts';
export { type FaultProxyClient, faultProxyClient } from './proxy-client/fault-proxy-client.ts';
export { localRuntime } from './runtime/local/local-runtime.ts';
export { createDockerRuntime, dockerRuntime } from './runtime/docker/docker-runtime.ts';
export { runScenario } from './runner/run-scenario.ts';
export { runScenarios, type RunOutcome } from './runner/run-scenarios.ts';
export type { ScenarioResult } from './runner/scenario-result.ts';
export type { Verdict } from './runner/judge.ts';
export { type Control, type Controls, controlsOf } from './controls/controls.ts';
export { loadControls } from './controls/load-controls.ts';
export { ControlsFileError } from './controls/controls-file-error.ts';
export { controlsForConfig, referenceControlsFile } from './controls/controls-for-config.ts';
export { type ControlEvidence, type ControlStatus, controlStatuses } from './controls/control-statuses.ts';
