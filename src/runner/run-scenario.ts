/**
 * The phase loop for one scenario on a provisioned environment:
 *
 *   1 steady state ─(unmet: aborted)─┐
 *     prepare       → transcripts     │   (runbook steps before the fault: backups)
 *   2 inject faults                   │
 *   3 detect        → detectMs        │   (meanwhile: duringFault probes must hold,
 *     alerts        → firedMs each    │    quiet alerts must not fire)
 *   4 remediate     → transcripts     │
 *   5 verify        → recoveryMs, outageMs
 *     integrity     → dataLoss, duplicates; checks
 *   6 always: stop the order flow, revert faults (reverse order), reset the fault proxy
 *
 * Everything measured lands in the timeline; the verdict comes from judge().
 */
import { type Clock, systemClock } from '../clock/clock.ts';
import type { InjectedFault } from '../faults/fault.ts';
import { createSqlClient } from '../probes/sql-client.ts';
import type { Environment } from '../runtime/runtime.ts';
import { endLeftRunning } from '../runbook/step-process.ts';
import type { StepTranscript } from '../runbook/step.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { type OrderFlow, startOrderFlow } from '../workload/order-flow.ts';
import type { WorkloadAdapterFactory } from '../workload/workload-adapter.ts';
import { judge, type Measured } from './judge.ts';
import { type CheckOutcome, runChecks } from './phases/check.ts';
import { awaitAlerts, withNotifications } from './phases/alerts.ts';
import { awaitDetection } from './phases/detect.ts';
import { injectFaults, resetFaultProxy, revertFaults } from './phases/inject.ts';
import { type HealthCheckMoment, runHealthCheck } from './phases/health-check.ts';
import { remediate, runbookSteps } from './phases/remediate.ts';
import { awaitSteadyState } from './phases/steady-state.ts';
import { awaitRecovery } from './phases/verify.ts';
import { watchDuringFault } from './phases/watch.ts';
import { notRunResult, type ScenarioResult, scenarioResult } from './scenario-result.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { createTimeline, type TimelineEvent } from './timeline.ts';

export interface RunScenarioOptions {
  readonly signal: AbortSignal;
  readonly workDir: string;
  /** Makes the system's workload adapter on `env` (load-workload.ts): every order goes through it. */
  readonly workload: WorkloadAdapterFactory;
  readonly clock?: Clock;
  readonly onEvent?: (event: TimelineEvent) => void;
}

/** Everything a run accumulates; the phases fill it in as they go. */
interface Accumulated {
  measured: Measured;
  injected: InjectedFault[];
  failures: string[];
  /** Reverts and the fault proxy reset that failed (phase 6). */
  cleanup: string[];
  transcripts: StepTranscript[];
  checks: CheckOutcome[];
  integrity?: string;
  aborted?: string;
  errored?: string;
  interrupted?: string;
}

export async function runScenario(scenario: Scenario, env: Environment, options: RunScenarioOptions): Promise<ScenarioResult> {
  const clock = options.clock ?? systemClock;
  const timeline = createTimeline(clock, options.onEvent);
  const sql = createSqlClient(env.variables());
  let orderFlow: OrderFlow;
  try {
    const workload = options.workload({ variables: env.variables(), sql });
    orderFlow = startOrderFlow({ workload, ordersPerSec: scenario.workload.ordersPerSec, clock });
  } catch (error) {
    await Promise.resolve(sql[Symbol.asyncDispose]()).catch(() => undefined);
    return notRunResult(scenario, 'errored', `the workload did not start: ${(error as Error).message}`, clock.wallTime());
  }
  const run: ScenarioRun = {
    scenario,
    probes: { env, orderFlow, sql, signal: options.signal },
    clock,
    timeline,
    signal: options.signal,
    workDir: options.workDir,
  };
  const state: Accumulated = {
    measured: { detectMs: null, recoveryMs: null, outageMs: null, dataLoss: null, duplicates: null, alerts: [] },
    injected: [],
    failures: [],
    cleanup: [],
    transcripts: [],
    checks: [],
  };
  timeline.record('scenario.started', { id: scenario.id, environment: env.id });
  try {
    await runPhases(run, state);
  } catch (error) {
    if (!options.signal.aborted) state.errored = `harness error: ${(error as Error).message}`;
    timeline.record('scenario.errored', { error: (error as Error).stack ?? String(error) });
  } finally {
    await orderFlow.stop();
    state.cleanup.push(...(await revertFaults(run, state.injected)), ...(await resetFaultProxy(run)));
    await endStepLeftovers(run, state.transcripts);
    await Promise.resolve(sql[Symbol.asyncDispose]()).catch(() => undefined);
  }
  return result(run, state);
}

async function runPhases(run: ScenarioRun, state: Accumulated): Promise<void> {
  state.aborted = await awaitSteadyState(run);
  if (state.aborted !== undefined) return;
  if (!(await prepare(run, state))) return;
  const injectedAt = await injectFaults(run, state.injected);
  const watch = watchDuringFault(run);
  try {
    await detectRemediateVerify(run, state, injectedAt);
  } finally {
    state.failures.push(...(await watch.stop()));
  }
  await run.probes.orderFlow.stop();
  const found = await run.scenario.integrity({ ...run.probes, transcripts: state.transcripts });
  state.measured.dataLoss = found.lost;
  state.measured.duplicates = found.duplicated;
  if (found.rpo) state.measured.rpo = found.rpo;
  state.integrity = found.detail;
  state.failures.push(...(found.problems ?? []));
  run.timeline.record('integrity.checked', { ...found });
  const checks = await runChecks(run, state.transcripts);
  state.checks = [...state.checks, ...checks];
  state.failures.push(...checks.filter((c) => !c.ok).map((c) => `check "${c.name}" failed: ${c.detail}`));
}

async function detectRemediateVerify(run: ScenarioRun, state: Accumulated, injectedAt: number): Promise<void> {
  state.measured.detectMs = await awaitDetection(run, injectedAt);
  state.measured.alerts = await awaitAlerts(run, injectedAt);
  await healthCheck(run, state, 'during the fault');
  const remediationStartedAt = run.clock.now();
  run.timeline.record('remediation.started', { steps: run.scenario.remediation.map((s) => s.id) });
  const outcome = await remediate(run);
  state.transcripts.push(...outcome.transcripts);
  state.checks = [...state.checks, ...outcome.collateral];
  // The step that failed first, then what any step hit that it may not touch.
  if (outcome.failure) state.failures.push(outcome.failure);
  state.failures.push(...outcome.collateral.filter((c) => !c.ok).map((c) => c.detail));
  if (outcome.failure) return;
  const recovery = await awaitRecovery(run, remediationStartedAt);
  if (recovery.heldAt !== undefined) {
    state.measured.recoveryMs = Math.round(recovery.heldAt - remediationStartedAt);
    if (run.scenario.targets.rollbackMs !== undefined) state.measured.rollbackMs = state.measured.recoveryMs;
    state.measured.outageMs = Math.round(recovery.heldAt - injectedAt);
    if (run.scenario.targets.rtoMs !== undefined) state.measured.rtoMs = state.measured.outageMs;
    await healthCheck(run, state, 'after recovery');
  } else {
    state.failures.push(notRestoredBy(state.transcripts, recovery.unmet));
  }
}

/**
 * Runs the scenario's preparation steps (the backups a restore will need) with the steady state holding; false when
 * one failed: the failure is recorded and nothing is broken.
 */
async function prepare(run: ScenarioRun, state: Accumulated): Promise<boolean> {
  const steps = run.scenario.preparation ?? [];
  if (steps.length === 0) return true;
  run.timeline.record('preparation.started', { steps: steps.map((s) => s.id) });
  const outcome = await runbookSteps(run, steps);
  state.transcripts.push(...outcome.transcripts);
  state.checks = [...state.checks, ...outcome.collateral];
  if (outcome.failure) state.failures.push(`preparation: ${outcome.failure}`);
  state.failures.push(...outcome.collateral.filter((c) => !c.ok).map((c) => c.detail));
  return outcome.failure === undefined;
}

/** Runs the scenario's health check, when it declares one; a check that does not hold is a failure. */
async function healthCheck(run: ScenarioRun, state: Accumulated, moment: HealthCheckMoment): Promise<void> {
  if (!run.scenario.healthCheck) return;
  const outcome = await runHealthCheck(run, run.scenario.healthCheck, moment);
  state.checks = [...state.checks, outcome];
  if (!outcome.ok) state.failures.push(`${outcome.name}: ${outcome.detail}`);
}

/** Ends what the runbook's steps left running in their process groups (each transcript names them). */
async function endStepLeftovers(run: ScenarioRun, transcripts: readonly StepTranscript[]): Promise<void> {
  const left = transcripts.flatMap((t) => (t.leftRunning ?? []).map((p) => ({ ...p, stepId: t.stepId })));
  if (left.length === 0) return;
  run.timeline.record('steps.leftovers-ended', { processes: left.map(({ stepId, pid, command }) => ({ stepId, pid, command })) });
  await endLeftRunning(left);
}

/** Says precisely what the runbook's steps left broken, and what they changed that has not taken effect. */
function notRestoredBy(transcripts: readonly StepTranscript[], unmet: readonly string[]): string {
  const ran = transcripts.filter((t) => !t.skipped).map((t) => t.stepId);
  const observed = transcripts.flatMap((t) => (t.observed ?? []).map((o) => `after ${t.stepId}: ${o.detail}`));
  return (
    `the runbook's steps (${ran.join(', ') || 'none'}) ran and did not restore service: ${unmet.join('; ')}` +
    (observed.length > 0 ? ` (${observed.join('; ')})` : '')
  );
}

function result(run: ScenarioRun, state: Accumulated): ScenarioResult {
  const { scenario, timeline } = run;
  const receiver = run.probes.env.webhookReceiver?.();
  if (receiver) state.measured.alerts = withNotifications(state.measured.alerts, receiver.notifications());
  // An interrupted run proves nothing either way, whatever a cancelled step reported.
  if (run.signal.aborted) state.interrupted = `interrupted: ${(run.signal.reason as Error)?.message ?? String(run.signal.reason)}`;
  const judgement = judge(scenario.targets, state.measured, state);
  timeline.record('scenario.finished', { verdict: judgement.verdict, reasons: judgement.reasons });
  return scenarioResult(scenario, {
    judgement,
    measured: state.measured,
    steps: state.transcripts,
    checks: state.checks,
    ...(state.integrity ? { integrity: state.integrity } : {}),
    workload: run.probes.orderFlow.stats(),
    timeline: timeline.events,
  });
}
