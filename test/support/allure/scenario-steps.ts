/**
 * One scenario's evidence record as Allure steps, from its timeline: a step per
 * phase between its marks (src/runner/phase-marks.ts) with the phase's start
 * and end, inside it a step per runbook step (its transcript attached), a
 * step per wait (an alert's, the recovery's) from its start to what ended it,
 * and a point step per other event a reader is shown (src/reporters/progress.ts),
 * then the verdict. Pure: report-scenario.ts sends the steps to Allure.
 *
 *   status  passed · failed: a failure event in it (detection.missed, step.failed, check.failed, …)
 *           or failures the phase added · broken: the phase threw (the harness broke)
 */
import { eventText } from '../../../src/reporters/progress.ts';
import type { Verdict } from '../../../src/runner/judge.ts';
import type { ScenarioResult } from '../../../src/runner/scenario-result.ts';
import type { TimelineEvent } from '../../../src/runner/timeline.ts';
import type { StepTranscript } from '../../../src/runbook/step.ts';
import { transcriptText } from './transcript-text.ts';

export type StepStatus = 'passed' | 'failed' | 'broken' | 'skipped';

export interface StepAttachment {
  readonly name: string;
  readonly contentType: 'text/plain' | 'application/json';
  readonly content: string;
}

export interface ScenarioStep {
  readonly name: string;
  /** Epoch ms, from the timeline's wall-clock times. */
  readonly start: number;
  readonly stop: number;
  readonly status: StepStatus;
  /** Why, when not passed. */
  readonly message?: string;
  readonly attachments: readonly StepAttachment[];
  readonly steps: readonly ScenarioStep[];
}

const phaseTitles: Record<string, string> = {
  'steady-state': 'steady state',
  prepare: 'prepare: runbook steps before the fault',
  inject: 'inject the faults',
  detect: 'detect',
  alerts: 'alerts',
  'health-check-during-fault': 'health check during the fault',
  restore: 'restore: the runbook steps, then recovery awaited',
  'health-check-after-recovery': 'health check after recovery',
  integrity: 'integrity',
  checks: 'checks',
  cleanup: 'cleanup: order flow stopped, faults reverted, fault proxy reset',
};

/** Failure events, with what to say of those a progress line does not show. */
const failures: Record<string, ((detail: Record<string, unknown>) => string) | undefined> = {
  'steady-state.unmet': undefined,
  'detection.missed': undefined,
  'alert.missed': undefined,
  'step.failed': undefined,
  'recovery.missed': undefined,
  'check.failed': undefined,
  'fault.revert-failed': undefined,
  'scenario.errored': undefined,
  'fault-watch.broken': (d) => `during the fault, ${String(d.probe)} did not hold: ${String(d.observed)}`,
  'fault-proxy.reset-failed': (d) => `fault proxy reset FAILED: ${String(d.error)}`,
};

/** Waits, by the event that starts one: whether an event ends it (the wait's step then runs from start to end). */
const waits: Record<string, ((start: TimelineEvent, event: TimelineEvent) => boolean) | undefined> = {
  'alert.waiting': (start, e) => (e.kind === 'alert.firing' || e.kind === 'alert.missed') && e.detail.alert === start.detail.alert,
  'recovery.waiting': (_, e) => e.kind === 'recovery.held' || e.kind === 'recovery.missed',
};

const verdictStatus: Record<Verdict, StepStatus> = {
  passed: 'passed',
  failed: 'failed',
  aborted: 'failed',
  errored: 'broken',
  skipped: 'skipped',
};

export function scenarioSteps(result: ScenarioResult): ScenarioStep[] {
  const transcripts = new TranscriptQueue([...result.steps, ...result.checks.flatMap((c) => (c.transcript ? [c.transcript] : []))]);
  const steps: ScenarioStep[] = [];
  const events = result.timeline;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind === 'phase.started') {
      const end = events.findIndex((e, j) => j > i && e.kind === 'phase.finished' && e.detail.phase === event.detail.phase);
      const last = end === -1 ? events.length : end;
      steps.push(phaseStep(event, events.slice(i + 1, last), events[end], transcripts));
      i = last;
    } else if (event.kind === 'scenario.finished') {
      steps.push(verdictStep(result, event));
    } else {
      const point = pointStep(event);
      if (point) steps.push(point);
    }
  }
  return steps;
}

function phaseStep(
  started: TimelineEvent,
  inside: readonly TimelineEvent[],
  finished: TimelineEvent | undefined,
  transcripts: TranscriptQueue,
): ScenarioStep {
  const steps: ScenarioStep[] = [];
  for (let i = 0; i < inside.length; i++) {
    const event = inside[i]!;
    if (event.kind === 'step.started') {
      const end = inside.findIndex((e, j) => j > i && e.kind === 'step.finished' && e.detail.stepId === event.detail.stepId);
      steps.push(runbookStep(event, end === -1 ? undefined : inside[end]!, transcripts.take(String(event.detail.stepId))));
      if (end !== -1) i = end;
    } else if (event.kind in waits) {
      const end = inside.findIndex((e, j) => j > i && waits[event.kind]!(event, e));
      const closed = pointStep(end === -1 ? event : inside[end]!);
      if (closed) steps.push({ ...closed, start: Date.parse(event.at) });
      if (end !== -1) i = end;
    } else {
      const point = pointStep(event);
      if (point) steps.push(point);
    }
  }
  const problems = [
    ...steps.filter((s) => s.status !== 'passed' && s.message).map((s) => s.message!),
    ...((finished?.detail.failures as string[] | undefined) ?? []).filter((f) => !steps.some((s) => s.message?.includes(f))),
  ];
  const error = finished === undefined ? 'the phase did not finish (the run was interrupted or the harness broke)' : finished.detail.error;
  const phase = String(started.detail.phase);
  return {
    name: phaseTitles[phase] ?? phase,
    start: Date.parse(started.at),
    stop: Date.parse((finished ?? inside.at(-1) ?? started).at),
    status: error !== undefined ? 'broken' : problems.length > 0 ? 'failed' : 'passed',
    ...(error !== undefined || problems.length > 0 ? { message: [...problems, ...(error ? [String(error)] : [])].join('; ') } : {}),
    attachments: [],
    steps,
  };
}

function runbookStep(started: TimelineEvent, finished: TimelineEvent | undefined, transcript: StepTranscript | undefined): ScenarioStep {
  const { stepId, title } = started.detail;
  const outcome = finished
    ? `: exit ${String(finished.detail.exitCode)}${finished.detail.timedOut ? ' (timed out)' : ''} in ${String(finished.detail.durationMs)} ms`
    : ': did not finish';
  return {
    name: `runbook step ${String(stepId)}${title === stepId ? '' : `: ${String(title)}`}${outcome}`,
    start: Date.parse(started.at),
    stop: Date.parse((finished ?? started).at),
    status: finished ? 'passed' : 'broken',
    ...(finished ? {} : { message: `runbook step ${String(stepId)} did not finish` }),
    attachments: transcript
      ? [{ name: `transcript ${transcript.stepId}`, contentType: 'text/plain', content: transcriptText(transcript) }]
      : [],
    steps: [],
  };
}

/** A zero-length step for an event a reader is shown; failed for a failure event. */
function pointStep(event: TimelineEvent): ScenarioStep | undefined {
  const failed = event.kind in failures;
  const shown = eventText(event)?.trim() ?? failures[event.kind]?.(event.detail);
  if (shown === undefined) return undefined;
  const text = event.kind === 'step.service-after' ? `after ${String(event.detail.stepId)}: ${shown}` : shown;
  const at = Date.parse(event.at);
  return {
    name: text,
    start: at,
    stop: at,
    status: event.kind === 'scenario.errored' ? 'broken' : failed ? 'failed' : 'passed',
    ...(failed ? { message: text } : {}),
    attachments: [],
    steps: [],
  };
}

function verdictStep(result: ScenarioResult, event: TimelineEvent): ScenarioStep {
  const at = Date.parse(event.at);
  const status = verdictStatus[result.verdict];
  return {
    name: `verdict: ${result.verdict}`,
    start: at,
    stop: at,
    status,
    ...(result.reason ? { message: result.reason } : {}),
    attachments: [],
    steps: [],
  };
}

/** The run's transcripts, each handed out once, in order, to the runbook step of its id. */
class TranscriptQueue {
  readonly #left: StepTranscript[];
  constructor(transcripts: readonly StepTranscript[]) {
    this.#left = [...transcripts];
  }
  take(stepId: string): StepTranscript | undefined {
    const index = this.#left.findIndex((t) => t.stepId === stepId && !t.skipped);
    return index === -1 ? undefined : this.#left.splice(index, 1)[0];
  }
}
