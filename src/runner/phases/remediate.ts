import { executeStep } from '../../runbook/execute-step.ts';
import type { RunbookStep, StepTranscript } from '../../runbook/step.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import type { RemediationStep } from '../../scenario/scenario.ts';
import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';

export interface RemediationOutcome {
  readonly transcripts: StepTranscript[];
  /** The first step that failed or whose postcondition did not hold, as a sentence naming it. */
  readonly failure: string | undefined;
}

/** Phase 4. Runs the runbook steps in order; stops at the first that fails. */
export async function remediate(run: ScenarioRun): Promise<RemediationOutcome> {
  const transcripts: StepTranscript[] = [];
  for (const step of run.scenario.remediation) {
    const transcript = await runStep(run, step);
    transcripts.push(transcript);
    const failure = stepFailure(transcript) ?? (await unmetPostcondition(run, step));
    if (failure) {
      run.timeline.record('step.failed', { stepId: step.id, reason: failure });
      return { transcripts, failure };
    }
  }
  return { transcripts, failure: undefined };
}

export async function runStep(run: ScenarioRun, declared: RemediationStep): Promise<StepTranscript> {
  const { env } = run.probes;
  const step = stepFor(declared, env.runtime);
  run.timeline.record('step.started', { stepId: step.id, title: step.title });
  const transcript = await executeStep(step, { variables: env.variables(), secrets: env.secrets(), cwd: run.workDir, signal: run.signal });
  run.timeline.record('step.finished', { stepId: step.id, exitCode: transcript.exitCode, timedOut: transcript.timedOut, durationMs: transcript.durationMs });
  return transcript;
}

/** The step with the command for `runtime`: its only one, or its variant for that runtime. */
export function stepFor(step: RemediationStep, runtime: RuntimeName): RunbookStep {
  if (typeof step.run === 'string') return { ...step, run: step.run };
  const command = step.run[runtime];
  if (command === undefined) {
    throw new Error(`runbook step "${step.id}" has no command for the ${runtime} runtime; it has commands for: ${Object.keys(step.run).join(', ')}`);
  }
  return { ...step, run: command };
}

function stepFailure(transcript: StepTranscript): string | undefined {
  if (transcript.timedOut) return `runbook step "${transcript.stepId}" timed out after ${transcript.durationMs} ms`;
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
