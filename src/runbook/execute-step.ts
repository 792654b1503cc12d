import { execa } from 'execa';
import { redact } from '../evidence/redact.ts';
import { checkExpectation } from './expectation.ts';
import type { RunbookStep, StepTranscript } from './step.ts';

export interface StepExecution {
  variables: Record<string, string>;
  secrets: readonly string[];
  cwd: string;
  signal?: AbortSignal;
}

const defaultTimeoutMs = 60_000;
const keepBytes = 8192;

/**
 * Runs a step under bash with `set -euo pipefail`; never throws for a failing
 * command, the transcript says. A declared `expect` is judged on the whole,
 * unredacted stdout; the transcript keeps only its redacted tail.
 */
export async function executeStep(step: RunbookStep, execution: StepExecution): Promise<StepTranscript> {
  const started = performance.now();
  const result = await execa('bash', ['-c', `set -euo pipefail\n${step.run}`], {
    env: execution.variables,
    extendEnv: false,
    cwd: execution.cwd,
    timeout: step.timeoutMs ?? defaultTimeoutMs,
    cancelSignal: execution.signal,
    forceKillAfterDelay: 2000,
    stdin: 'ignore',
    reject: false,
    all: false,
  });
  const clean = (text: string) => redact(tail(text), execution.secrets);
  const stdout = String(result.stdout ?? '');
  const exitCode = result.exitCode ?? null;
  const expectation = step.expect ? checkExpectation(step.id, step.expect, { exitCode, timedOut: result.timedOut, stdout }) : undefined;
  return {
    stepId: step.id,
    command: redact(step.run, execution.secrets),
    exitCode,
    timedOut: result.timedOut,
    stdout: clean(stdout),
    stderr: clean(String(result.stderr ?? '')),
    durationMs: Math.round(performance.now() - started),
    ...(expectation ? { expectation: { ok: expectation.ok, detail: redact(expectation.detail, execution.secrets) } } : {}),
  };
}

function tail(text: string): string {
  return text.length > keepBytes ? `…${text.slice(-keepBytes)}` : text;
}
