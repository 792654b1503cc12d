import { observeAll } from '../../probes/probe.ts';
import { executeStep } from '../../runbook/execute-step.ts';
import type { RunbookStep, StepTranscript } from '../../runbook/step.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import type { RemediationStep } from '../../scenario/scenario.ts';
import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import { environmentSecrets } from '../../evidence/environment-secrets.ts';

export interface RemediationOutcome {
  readonly transcripts: StepTranscript[];
  /** The first step that failed or whose postcondition did not hold, as a sentence naming it. */
  readonly failure: string | undefined;
}

/**
 * Phase 4. Runs the runbook steps in order; stops at the first that fails. A
 * step whose `onlyIf` does not hold is skipped, with the reason. After each
 * step that ran, its `observe` probes and the scenario's recovery probes are
 * looked at once, so the evidence says which step gave service back, or that none did.
 */
export async function remediate(run: ScenarioRun): Promise<RemediationOutcome> {
  const transcripts: StepTranscript[] = [];
  for (const step of run.scenario.remediation) {
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
    const transcript = await runStep(run, step);
    const failed = stepFailure(transcript);
    const failure = failed ? `${failed}${await postconditionNow(run, step)}` : await unmetPostcondition(run, step);
    transcripts.push({ ...transcript, ...(await afterStep(run, step)) });
    if (failure) {
      run.timeline.record('step.failed', { stepId: step.id, reason: failure });
      return { transcripts, failure };
    }
  }
  return { transcripts, failure: undefined };
}

async function skipReason(run: ScenarioRun, step: RemediationStep): Promise<string | undefined> {
  if (!step.onlyIf) return undefined;
  const [seen] = await observeAll([step.onlyIf], run.probes);
  return seen!.ok ? undefined : `skipped: "${step.onlyIf.name}" does not hold: ${seen!.detail}`;
}

async function afterStep(run: ScenarioRun, step: RemediationStep): Promise<Pick<StepTranscript, 'observed' | 'serviceAfter'>> {
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
  run.timeline.record('step.started', { stepId: step.id, title: step.title });
  const transcript = await executeStep(step, {
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
  // A step that declares what it expects (exit status, output) is judged by that; otherwise exit 0 is success.
  if (transcript.expectation) return transcript.expectation.ok ? undefined : transcript.expectation.detail;
  if (transcript.exitCode === 0) return undefined;
  const output = (transcript.stderr || transcript.stdout).trim().split('\n').slice(-3).join(' | ');
  return `runbook step "${transcript.stepId}" exited with status ${transcript.exitCode}${output ? `: ${output}` : ''}`;
}

async function unmetPostcondition(run: ScenarioRun, step: RemediationStep): Promise<string | undefined> {
  if (!step.postcondition) return undefined;
  const { probe, withinMs } = step.postcondition;
  const result = await pollUntilHeld([probe], run.probes, { ...run, deadlineMs: withinMs });
  if (result.heldAt !== undefined) return undefined;
  return `runbook step "${step.id}" ran (exit 0) but its postcondition "${probe.name}" did not hold within ${withinMs} ms (last seen: ${result.last[0]?.detail})`;
}

/** For a step that already failed: whether its postcondition holds right now, as a clause to append. */
async function postconditionNow(run: ScenarioRun, step: RemediationStep): Promise<string> {
  if (!step.postcondition) return '';
  const { probe } = step.postcondition;
  const seen = await probe.observe(run.probes).catch((error: unknown) => ({ ok: false, detail: (error as Error).message }));
  return seen.ok
    ? `; its postcondition "${probe.name}" holds nonetheless`
    : `; its postcondition "${probe.name}" does not hold (${seen.detail})`;
}
