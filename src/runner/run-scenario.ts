/**
 * The phase loop for one scenario on a provisioned environment:
 *
 *   1 steady state ─(unmet: aborted)─┐
 *     prepare       → transcripts     │   (runbook steps before the fault: backups)
 *   2 inject faults                   │
 *   3 detect        → detectMs        │   (meanwhile: duringFault probes must hold,
 *     alerts        → firedMs each    │    quiet alerts must not fire)
 *   4 remediate     → transcripts     │   (phases/restore.ts: the runbook's steps,
 *   5 verify        → recoveryMs, outageMs     or a person on a game day)
 *     integrity     → dataLoss, duplicates; checks
 *   6 always: stop the order flow, revert faults (reverse order), reset the fault proxy
 *
 * Everything measured lands in the timeline, each phase between its marks
 * (phase-marks.ts); the verdict comes from judge().
 */
import { type Clock, systemClock } from '../clock/clock.ts';
import type { GameDayRecord } from '../evidence/game-day-record.ts';
import type { InjectedFault } from '../faults/fault.ts';
import { createSqlClient } from '../probes/sql-client.ts';
import type { Environment } from '../runtime/runtime.ts';
import { endLeftRunning } from '../runbook/step-process.ts';
import type { StepTranscript } from '../runbook/step.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { type OrderFlow, startOrderFlow } from '../workload/order-flow.ts';
import type { WorkloadAdapterFactory } from '../workload/workload-adapter.ts';
import { loadOf, loadShortfall, ordersPerSecOf } from '../workload/load-multiplier.ts';
import { judge, type Measured } from './judge.ts';
import { inPhase, type PhaseName } from './phase-marks.ts';
import { type CheckOutcome, runChecks } from './phases/check.ts';
import { awaitAlerts, withNotifications } from './phases/alerts.ts';
import { awaitDetection } from './phases/detect.ts';
import { injectFaults, resetFaultProxy, revertFaults } from './phases/inject.ts';
import { type HealthCheckMoment, runHealthCheck } from './phases/health-check.ts';
import { runbookSteps } from './phases/remediate.ts';
import { type RestorePhase, runbookRestore } from './phases/restore.ts';
import { awaitSteadyState } from './phases/steady-state.ts';
import { watchDuringFault } from './phases/watch.ts';
import { notRunResult, type ScenarioResult, scenarioResult } from './scenario-result.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { createTimeline, type TimelineEvent } from './timeline.ts';
import { errorText } from '../error-text.ts';

export interface RunScenarioOptions {
  readonly signal: AbortSignal;
  readonly workDir: string;
  /** Makes the system's workload adapter on `env` (load-workload.ts): every order goes through it. */
  readonly workload: WorkloadAdapterFactory;
  readonly clock?: Clock;
  readonly onEvent?: (event: TimelineEvent) => void;
  /** Phases 4–5: who restores service; the runbook's steps unless a game day puts a person there (phases/restore.ts). */
  readonly restore?: RestorePhase;
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
  gameDay?: GameDayRecord;
}

export async function runScenario(scenario: Scenario, env: Environment, options: RunScenarioOptions): Promise<ScenarioResult> {
  const clock = options.clock ?? systemClock;
  const timeline = createTimeline(clock, options.onEvent);
  const sql = createSqlClient(env.variables());
  let orderFlow: OrderFlow;
  try {
    const workload = options.workload({ variables: env.variables(), sql });
    const { oversized } = scenario.workload;
    orderFlow = startOrderFlow({ workload, ordersPerSec: ordersPerSecOf(scenario), clock, ...(oversized ? { oversized } : {}) });
  } catch (error) {
    await Promise.resolve(sql[Symbol.asyncDispose]()).catch(() => undefined);
    return notRunResult(scenario, 'errored', `the workload did not start: ${errorText(error)}`, clock.wallTime());
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
    await runPhases(run, state, options.restore ?? runbookRestore);
  } catch (error) {
    if (!options.signal.aborted) state.errored = `harness error: ${errorText(error)}`;
    timeline.record('scenario.errored', { error: (error as Error).stack ?? String(error) });
  } finally {
    await inPhase(timeline, 'cleanup', state.cleanup, async () => {
      await orderFlow.stop();
      state.cleanup.push(...(await revertFaults(run, state.injected)), ...(await resetFaultProxy(run)));
      await endStepLeftovers(run, state.transcripts);
    });
    await Promise.resolve(sql[Symbol.asyncDispose]()).catch(() => undefined);
  }
  return result(run, state);
}

async function runPhases(run: ScenarioRun, state: Accumulated, restore: RestorePhase): Promise<void> {
  const phase = <T>(name: PhaseName, body: () => Promise<T>) => inPhase(run.timeline, name, state.failures, body);
  state.aborted = await phase('steady-state', () => awaitSteadyState(run));
  if (state.aborted !== undefined) return;
  if (!(await prepare(run, state))) return;
  const injectedAt = await phase('inject', () => injectFaults(run, state.injected));
  const watch = watchDuringFault(run);
  const stopWatch = async () => {
    state.failures.push(...(await watch.stop()));
  };
  try {
    await detectRemediateVerify(run, state, injectedAt, restore, stopWatch);
  } finally {
    await stopWatch();
  }
  await phase('integrity', async () => {
    await run.probes.orderFlow.stop();
    const found = await run.scenario.integrity({ ...run.probes, transcripts: state.transcripts });
    state.measured.dataLoss = found.lost;
    state.measured.duplicates = found.duplicated;
    if (found.rpo) state.measured.rpo = found.rpo;
    state.integrity = found.detail;
    state.failures.push(...(found.problems ?? []));
    run.timeline.record('integrity.checked', { ...found });
    const load = loadOf(run.scenario, run.probes.orderFlow.load());
    run.timeline.record('load.measured', { ...load });
    const shortfall = loadShortfall(load);
    if (shortfall) state.failures.push(shortfall);
  });
  await phase('checks', async () => {
    const checks = await runChecks(run, state.transcripts);
    state.checks = [...state.checks, ...checks];
    state.failures.push(...checks.filter((c) => !c.ok).map((c) => `check "${c.name}" failed: ${c.detail}`));
  });
}

async function detectRemediateVerify(
  run: ScenarioRun,
  state: Accumulated,
  injectedAt: number,
  restore: RestorePhase,
  stopWatch: () => Promise<void>,
): Promise<void> {
  const phase = <T>(name: PhaseName, body: () => Promise<T>) => inPhase(run.timeline, name, state.failures, body);
  state.measured.detectMs = await phase('detect', () => awaitDetection(run, injectedAt));
  state.measured.alerts = await phase('alerts', () => awaitAlerts(run, injectedAt));
  await healthCheck(run, state, 'during the fault');
  const restored = await phase('restore', async () => {
    const restored = await restore(run, { injectedAt, checks: state.checks });
    state.transcripts.push(...restored.transcripts);
    state.checks = [...state.checks, ...restored.collateral];
    if (restored.gameDay) state.gameDay = restored.gameDay;
    // The step that failed first, then what any step hit that it may not touch.
    if (restored.failure) state.failures.push(restored.failure);
    state.failures.push(...restored.collateral.filter((c) => !c.ok).map((c) => c.detail));
    if (restored.failure === undefined && restored.heldAt === undefined)
      state.failures.push(restored.notRestored ?? 'service was not restored');
    return restored;
  });
  // The fault watch covers injection to recovery: what the health check after recovery costs the system is not the fault's
  // (a docker redis-latency failed on acks slowed during that check, 9 s after its fault had ended).
  await stopWatch();
  if (restored.failure) return;
  if (restored.heldAt !== undefined) {
    state.measured.recoveryMs = Math.round(restored.heldAt - restored.startedAt);
    if (run.scenario.targets.rollbackMs !== undefined) state.measured.rollbackMs = state.measured.recoveryMs;
    state.measured.outageMs = Math.round(restored.heldAt - injectedAt);
    if (run.scenario.targets.rtoMs !== undefined) state.measured.rtoMs = state.measured.outageMs;
    await healthCheck(run, state, 'after recovery');
  }
}

/**
 * Runs the scenario's preparation steps (the backups a restore will need) with the steady state holding; false when
 * one failed: the failure is recorded and nothing is broken.
 */
async function prepare(run: ScenarioRun, state: Accumulated): Promise<boolean> {
  const steps = run.scenario.preparation ?? [];
  if (steps.length === 0) return true;
  return inPhase(run.timeline, 'prepare', state.failures, async () => {
    run.timeline.record('preparation.started', { steps: steps.map((s) => s.id) });
    const outcome = await runbookSteps(run, steps);
    state.transcripts.push(...outcome.transcripts);
    state.checks = [...state.checks, ...outcome.collateral];
    if (outcome.failure) state.failures.push(`preparation: ${outcome.failure}`);
    state.failures.push(...outcome.collateral.filter((c) => !c.ok).map((c) => c.detail));
    return outcome.failure === undefined;
  });
}

/** Runs the scenario's health check, when it declares one; a check that does not hold is a failure. */
async function healthCheck(run: ScenarioRun, state: Accumulated, moment: HealthCheckMoment): Promise<void> {
  const { healthCheck } = run.scenario;
  if (!healthCheck) return;
  const name = moment === 'during the fault' ? 'health-check-during-fault' : 'health-check-after-recovery';
  await inPhase(run.timeline, name, state.failures, async () => {
    const outcome = await runHealthCheck(run, healthCheck, moment);
    state.checks = [...state.checks, outcome];
    if (!outcome.ok) state.failures.push(`${outcome.name}: ${outcome.detail}`);
  });
}

/** Ends what the runbook's steps left running in their process groups (each transcript names them). */
async function endStepLeftovers(run: ScenarioRun, transcripts: readonly StepTranscript[]): Promise<void> {
  const left = transcripts.flatMap((t) => (t.leftRunning ?? []).map((p) => ({ ...p, stepId: t.stepId })));
  if (left.length === 0) return;
  run.timeline.record('steps.leftovers-ended', { processes: left.map(({ stepId, pid, command }) => ({ stepId, pid, command })) });
  await endLeftRunning(left);
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
    load: loadOf(scenario, run.probes.orderFlow.load()),
    timeline: timeline.events,
    ...(state.gameDay ? { gameDay: state.gameDay } : {}),
  });
}
