import { observeAll, type ProbeContext } from '../../probes/probe.ts';
import { executeStep } from '../../runbook/execute-step.ts';
import type { RunbookStep, StepTranscript } from '../../runbook/step.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import type { RemediationStep } from '../../scenario/scenario.ts';
import { type Bystanders, bystandersSettled, collateralDamage, noteBystanders } from '../../checks/collateral-damage.ts';
import { pollUntilHeld } from '../poll.ts';
import { runSuiteStep, suiteInPlaceOf } from '../suite-step.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import type { CheckOutcome } from './check.ts';
import { environmentSecrets } from '../../evidence/environment-secrets.ts';

export interface RemediationOutcome {
  readonly transcripts: StepTranscript[];
  /** The first step that failed or whose postcondition did not hold, as a sentence naming it and what the recovery probes saw after it. */
  readonly failure: string | undefined;
  /** One per step that ran: whether it touched only what it declares (src/checks/collateral-damage.ts). */
  readonly collateral: CheckOutcome[];
}

/**
 * Phase 4 (and the preparation before the faults). Runs runbook steps in order; stops at the first that fails. A
 * step whose `onlyIf` does not hold is skipped, with the reason. After each
 * step that ran, its `observe` probes and the scenario's recovery probes are
 * looked at once, so the evidence says which step gave service back, or that none did.
 * Around each step the harness notes the services and PostgreSQL sessions it
 * does not declare, and checks that they came through (collateral damage).
 */
export function remediate(run: ScenarioRun): Promise<RemediationOutcome> {
  return runbookSteps(run, run.scenario.remediation);
}

export async function runbookSteps(run: ScenarioRun, steps: readonly RemediationStep[]): Promise<RemediationOutcome> {
  const transcripts: StepTranscript[] = [];
  const collateral: CheckOutcome[] = [];
  for (const step of steps) {
    const skipped = await skipReason(run, step);
    if (skipped !== undefined) {
      run.timeline.record('step.skipped', { stepId: step.id, reason: skipped });
      transcripts.push({
        stepId: step.id,
        command: commandOf(step, run.probes.env.runtime),
        exitCode: null,
        timedOut: false,
        stdout: '',
        stderr: '',
        durationMs: 0,
        skipped,
      });
      continue;
    }
    const before = await noteBystanders(run.probes.env).catch((error: unknown) => error as Error);
    const transcript = await runStep(run, step);
    const stepProbes = { ...run.probes, stepStartedAtMs: stepStartedAtMs(run, transcript) };
    collateral.push(await collateralAfter(run, step, before));
    const failed = stepFailure(transcript);
    const unmet = failed
      ? `${failed}${await postconditionNow(step, stepProbes)}`
      : await unmetPostcondition(run, step, transcript.durationMs, stepProbes);
    const after = await afterStep(run, step);
    transcripts.push({ ...transcript, ...after });
    if (unmet) {
      const failure = `${unmet}${serviceClause(run, after.serviceAfter)}`;
      run.timeline.record('step.failed', { stepId: step.id, reason: failure });
      return { transcripts, failure, collateral };
    }
  }
  return { transcripts, failure: undefined, collateral };
}

/** Whether the step touched only what it declares; a harness that could not look says so, as a failed check. */
async function collateralAfter(run: ScenarioRun, step: RemediationStep, before: Bystanders | Error): Promise<CheckOutcome> {
  const name = `runbook step "${step.id}" touched only what it declares`;
  const seen =
    before instanceof Error
      ? { ok: false, detail: `runbook step "${step.id}": what it may not touch could not be noted before it ran: ${before.message}` }
      : await bystandersSettled(run.probes.env, before, run).then(
          (after) => collateralDamage(step.id, step.touches, before, after),
          (error: unknown) => ({
            ok: false,
            detail: `runbook step "${step.id}": what it touched could not be read after it: ${(error as Error).message}`,
          }),
        );
  run.timeline.record(seen.ok ? 'check.passed' : 'check.failed', { check: name, detail: seen.detail });
  return { name, ...seen };
}

/** For a failed step: what the recovery probes saw right after it (what is still broken), as a clause to append. */
function serviceClause(run: ScenarioRun, serviceAfter: StepTranscript['serviceAfter']): string {
  if (run.scenario.recovery.length === 0 || !serviceAfter) return '';
  return serviceAfter.restored ? '; service was back nonetheless' : `; still not restored: ${serviceAfter.detail}`;
}

async function skipReason(run: ScenarioRun, step: RemediationStep): Promise<string | undefined> {
  if (!step.onlyIf) return undefined;
  const [seen] = await observeAll([step.onlyIf], run.probes);
  return seen!.ok ? undefined : `skipped: "${step.onlyIf.name}" does not hold: ${seen!.detail}`;
}

async function afterStep(
  run: ScenarioRun,
  step: RemediationStep,
): Promise<Pick<StepTranscript, 'observed'> & Required<Pick<StepTranscript, 'serviceAfter'>>> {
  const observeProbes = step.observe ?? [];
  const [observed, service] = await Promise.all([observeAll(observeProbes, run.probes), observeAll(run.scenario.recovery, run.probes)]);
  const unmet = service.flatMap((o, i) => (o.ok ? [] : [`${run.scenario.recovery[i]!.name}: ${o.detail}`]));
  const serviceAfter = { restored: unmet.length === 0, detail: unmet.length === 0 ? 'every recovery probe holds' : unmet.join('; ') };
  run.timeline.record('step.service-after', { stepId: step.id, ...serviceAfter });
  return {
    ...(observeProbes.length > 0
      ? { observed: observed.map((o, i) => ({ probe: observeProbes[i]!.name, ok: o.ok, detail: o.detail })) }
      : {}),
    serviceAfter,
  };
}

function commandOf(step: RemediationStep, runtime: RuntimeName): string {
  if (step.run === undefined) return '';
  return typeof step.run === 'string' ? step.run : (step.run[runtime] ?? '');
}

export async function runStep(run: ScenarioRun, declared: RemediationStep): Promise<StepTranscript> {
  const { env } = run.probes;
  const step = stepFor(declared, env.runtime);
  const suite = suiteInPlaceOf(step, env.runtime);
  run.timeline.record('step.started', { stepId: step.id, title: step.title, ...(suite ? { suite } : {}) });
  const transcript = suite
    ? await runSuiteStep({ ...step, suite }, run.probes, environmentSecrets(env))
    : await executeStep(step, {
        variables: env.variables(),
        secrets: environmentSecrets(env),
        cwd: run.workDir,
        signal: run.signal,
      });
  run.timeline.record('step.finished', {
    stepId: step.id,
    exitCode: transcript.exitCode,
    timedOut: transcript.timedOut,
    durationMs: transcript.durationMs,
  });
  return transcript;
}

/** The step with the command for `runtime`: its only one, or its variant for that runtime. */
export function stepFor(step: RemediationStep, runtime: RuntimeName): RunbookStep {
  const title = step.title ?? step.id;
  if (step.run === undefined) throw new Error(`runbook step "${step.id}" has no command: the scenario was not bound to a runbook`);
  if (typeof step.run === 'string') return { ...step, title, run: step.run };
  const command = step.run[runtime];
  if (command === undefined) {
    throw new Error(
      `runbook step "${step.id}" has no command for the ${runtime} runtime; it has commands for: ${Object.keys(step.run).join(', ')}`,
    );
  }
  return { ...step, title, run: command };
}

function stepFailure(transcript: StepTranscript): string | undefined {
  if (transcript.timedOut) return `runbook step "${transcript.stepId}" timed out after ${transcript.durationMs} ms`;
  if (transcript.suite && !transcript.suite.ok)
    return `runbook step "${transcript.stepId}" (${transcript.suite.inPlaceOf}): ${transcript.suite.failure}`;
  // A step that declares what it expects (exit status, output) is judged by that; otherwise exit 0 is success.
  if (transcript.expectation) return transcript.expectation.ok ? undefined : transcript.expectation.detail;
  if (transcript.exitCode === 0) return undefined;
  const output = (transcript.stderr || transcript.stdout).trim().split('\n').slice(-3).join(' | ');
  return `runbook step "${transcript.stepId}" exited with status ${transcript.exitCode}${output ? `: ${output}` : ''}`;
}

/** Polls the step's postcondition; records when it held (after the step's end, and its start), or says it did not. */
async function unmetPostcondition(
  run: ScenarioRun,
  step: RemediationStep,
  stepMs: number,
  probes: ProbeContext,
): Promise<string | undefined> {
  if (!step.postcondition) return undefined;
  const { probe, withinMs, fromStepStart = false } = step.postcondition;
  const pollStartedAt = run.clock.now();
  const result = await pollUntilHeld([probe], probes, { ...run, deadlineMs: withinMs - (fromStepStart ? stepMs : 0) });
  if (result.heldAt !== undefined) {
    const afterStepMs = Math.round(result.heldAt - pollStartedAt);
    const fromStart = { afterStepStartMs: afterStepMs + stepMs, measuredFrom: fromStepStart ? 'step start' : 'step end' };
    run.timeline.record('step.postcondition-held', { stepId: step.id, probe: probe.name, withinMs, afterStepMs, ...fromStart });
    // From the step's start it is a target (the kill switch's time to zero), judged on when the harness knew: a look
    // begun in time and answered after it misses. From the step's end a look begun in time counts, as it always has.
    if (!fromStepStart || fromStart.afterStepStartMs <= withinMs) return undefined;
    return `runbook step "${step.id}" ran (exit 0) but its postcondition "${probe.name}" held only ${fromStart.afterStepStartMs} ms after the step's start, target ${withinMs} ms (${result.last[0]?.detail})`;
  }
  const from = fromStepStart ? "of the step's start" : '';
  return `runbook step "${step.id}" ran (exit 0) but its postcondition "${probe.name}" did not hold within ${withinMs} ms${from ? ` ${from}` : ''} (last seen: ${result.last[0]?.detail})`;
}

/** For a step that already failed: whether its postcondition holds right now, as a clause to append. */
async function postconditionNow(step: RemediationStep, probes: ProbeContext): Promise<string> {
  if (!step.postcondition) return '';
  const { probe } = step.postcondition;
  const seen = await probe.observe(probes).catch((error: unknown) => ({ ok: false, detail: (error as Error).message }));
  return seen.ok
    ? `; its postcondition "${probe.name}" holds nonetheless`
    : `; its postcondition "${probe.name}" does not hold (${seen.detail})`;
}

/** When the step's process started, wall-clock ms: its transcript's record, else (called as it ends) now less its duration. */
function stepStartedAtMs(run: ScenarioRun, transcript: StepTranscript): number {
  const recorded = transcript.startedAt === undefined ? Number.NaN : Date.parse(transcript.startedAt);
  return Number.isFinite(recorded) ? recorded : run.clock.wallTime().getTime() - transcript.durationMs;
}
