import type { ProbeSuiteName } from '../probe-suites/suite-names.ts';
import type { SuiteReport } from '../probe-suites/probe-suite.ts';
import type { Probe } from '../probes/probe.ts';
import type { LeftProcess } from './step-process.ts';
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
  /**
   * What must hold after the step, within `withinMs` of its end (of its start with `fromStepStart`: a target that
   * includes the command's own time, like the kill switch's time to zero open orders); unmet, the scenario fails
   * naming the step. When it holds, the evidence records after how long (`step.postcondition-held`).
   */
  readonly postcondition?: { readonly probe: Probe; readonly withinMs: number; readonly fromStepStart?: boolean };
  /** The probe suite run in place of `run` on runtimes without what `run` needs (Kubernetes for `helm test`). */
  readonly suite?: ProbeSuiteName;
}

export interface StepTranscript {
  readonly stepId: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock ISO time the step's process was started: with durationMs, when it ran (a check can match what the system saw then). */
  readonly startedAt?: string;
  readonly durationMs: number;
  /** Present when the step declares `expect`: whether it was met, as a sentence naming the step. */
  readonly expectation?: { readonly ok: boolean; readonly detail: string };
  /** Present when the step did not run because the scenario's `onlyIf` did not hold: why. */
  readonly skipped?: string;
  /** What the scenario's `observe` probes saw right after the step. */
  readonly observed?: readonly { readonly probe: string; readonly ok: boolean; readonly detail: string }[];
  /** Whether the scenario's recovery probes held right after the step: which step gave service back. */
  readonly serviceAfter?: { readonly restored: boolean; readonly detail: string };
  /** Present when a probe suite ran in place of `command` (src/runner/suite-step.ts): which, why, and each part's report. */
  readonly suite?: SuiteReport & { readonly inPlaceOf: string };
  /** Processes the step started in its own process group that outlived it; ended when the scenario ends. */
  readonly leftRunning?: readonly LeftProcess[];
}
