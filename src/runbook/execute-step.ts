import { redact } from '../evidence/redact.ts';
import { checkExpectation } from './expectation.ts';
import { runStepProcess } from './step-process.ts';
import type { RunbookStep, StepTranscript } from './step.ts';

export interface StepExecution {
  variables: Record<string, string>;
  secrets: readonly string[];
  cwd: string;
  signal?: AbortSignal;
}

export const defaultStepTimeoutMs = 60_000;
/** After a step's timeout, what its process group gets between SIGTERM and SIGKILL. */
export const stepGraceMs = 2000;
const keepBytes = 8192;

/**
 * Runs a step under bash with `set -euo pipefail`, in a process group of its
 * own that is ended, whole, at the step's timeout (step-process.ts); never
 * throws for a failing command, the transcript says, and names what the step
 * left running. A declared `expect` is judged on the whole,
 * unredacted stdout; the transcript keeps only its redacted tail.
 */
export async function executeStep(step: RunbookStep, execution: StepExecution): Promise<StepTranscript> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const result = await runStepProcess(`set -euo pipefail\n${step.run}`, {
    env: execution.variables,
    cwd: execution.cwd,
    timeoutMs: step.timeoutMs ?? defaultStepTimeoutMs,
    graceMs: stepGraceMs,
    signal: execution.signal,
  });
  // Redacted whole, then cut: a secret straddling the cut must not survive in part.
  const clean = (text: string) => tail(redact(text, execution.secrets));
  const { stdout, exitCode } = result;
  const expectation = step.expect
    ? checkExpectation(step.id, step.expect, {
        exitCode,
        timedOut: result.timedOut,
        stdout,
        stderr: redact(result.stderr, execution.secrets),
      })
    : undefined;
  return {
    stepId: step.id,
    command: redact(step.run, execution.secrets),
    exitCode,
    timedOut: result.timedOut,
    stdout: clean(stdout),
    stderr: clean(result.stderr),
    startedAt,
    durationMs: Math.round(performance.now() - started),
    ...(result.leftRunning.length > 0
      ? { leftRunning: result.leftRunning.map((p) => ({ ...p, command: redact(p.command, execution.secrets) })) }
      : {}),
    ...(expectation ? { expectation: { ok: expectation.ok, detail: redact(expectation.detail, execution.secrets) } } : {}),
  };
}

function tail(text: string): string {
  return text.length > keepBytes ? `…${text.slice(-keepBytes)}` : text;
}
