import type { Probe } from '../probes/probe.ts';
import type { StepExpectation } from './runbook.ts';

export type { StepExpectation } from './runbook.ts';

/**
 * One executable remediation step, named by its runbook id
 * (`redis.restart`). `run` is bash, run with `set -euo pipefail` and the
 * environment's variables ($REDIS_PORT, $PGHOST, …).
 */
export interface RunbookStep {
  readonly id: string;
  readonly title: string;
  readonly run: string;
  readonly timeoutMs?: number;
  /** What the step itself must show: an exit status, a pattern in its stdout. Checked into the transcript's `expectation`. */
  readonly expect?: StepExpectation;
  /** What must hold after the step, within `withinMs`; unmet, the scenario fails naming the step. */
  readonly postcondition?: { readonly probe: Probe; readonly withinMs: number };
}

export interface StepTranscript {
  readonly stepId: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** Present when the step declares `expect`: whether it was met, as a sentence naming the step. */
  readonly expectation?: { readonly ok: boolean; readonly detail: string };
}
