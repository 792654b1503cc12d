/**
 * The runbook's health check, run as an operator runs it: once during the
 * fault, after the page (it must fail, and its output must name what is
 * broken — a health check that passes during an outage, or blames the wrong
 * thing, sends the operator the wrong way), and once after recovery (it must
 * pass). Each look is a check in the evidence, with the step's transcript.
 */
import type { StepTranscript } from '../../runbook/step.ts';
import type { HealthCheck } from '../../scenario/scenario.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import type { CheckOutcome } from './check.ts';
import { runStep } from './remediate.ts';

export type HealthCheckMoment = 'during the fault' | 'after recovery';

export async function runHealthCheck(run: ScenarioRun, healthCheck: HealthCheck, moment: HealthCheckMoment): Promise<CheckOutcome> {
  const transcript = await runStep(run, healthCheck.step);
  const name = `health check ${moment} (${healthCheck.step.id})`;
  const seen = judgeHealthCheck(transcript, moment, healthCheck);
  run.timeline.record(seen.ok ? 'check.passed' : 'check.failed', { check: name, detail: seen.detail });
  return { name, ...seen, transcript };
}

/** Passed by the step: exit 0 and, where it declares one, its expectation met. */
export function healthy(transcript: StepTranscript): boolean {
  if (transcript.timedOut) return false;
  return transcript.expectation ? transcript.expectation.ok : transcript.exitCode === 0;
}

/**
 * During the fault the check must fail (not time out) naming `failsNaming`, or
 * pass where the scenario says why it must; after recovery it must pass.
 */
export function judgeHealthCheck(
  transcript: StepTranscript,
  moment: HealthCheckMoment,
  expected: Pick<HealthCheck, 'failsNaming' | 'passesDuringFault'>,
): { ok: boolean; detail: string } {
  if (moment === 'after recovery') return judgeAfterRecovery(transcript);
  if (expected.failsNaming !== undefined) return judgeDuringFault(transcript, expected.failsNaming);
  return judgePassing(transcript, expected.passesDuringFault ?? '');
}

function judgePassing(transcript: StepTranscript, why: string): { ok: boolean; detail: string } {
  const said = lastLines(transcript);
  if (healthy(transcript)) return { ok: true, detail: `it passed, as it must (${why}): "${said}"` };
  return { ok: false, detail: `it failed during a fault that breaks no system (${why}): "${said}"` };
}

function judgeDuringFault(transcript: StepTranscript, failsNaming: string): { ok: boolean; detail: string } {
  const said = lastLines(transcript);
  if (healthy(transcript)) return { ok: false, detail: `it passed while the fault was on: "${said}"` };
  if (!transcript.timedOut && mentions(`${transcript.stdout}\n${transcript.stderr}`, failsNaming))
    return { ok: true, detail: `it failed naming ${failsNaming}: "${said}"` };
  const how = transcript.timedOut ? `it timed out after ${transcript.durationMs} ms` : `it failed without naming ${failsNaming}`;
  return { ok: false, detail: `${how}: "${said}"` };
}

function judgeAfterRecovery(transcript: StepTranscript): { ok: boolean; detail: string } {
  const said = lastLines(transcript);
  if (healthy(transcript)) return { ok: true, detail: `it passed: "${said}"` };
  if (transcript.timedOut) return { ok: false, detail: `it timed out after recovery (${transcript.durationMs} ms): "${said}"` };
  return { ok: false, detail: `it still fails after recovery (exit ${transcript.exitCode ?? 'none'}): "${said}"` };
}

/** Case-insensitive, as a whole word: "redis" in "UNHEALTHY redis: no PONG", not in "predis". */
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`, 'i').test(text);
}

function lastLines(transcript: StepTranscript): string {
  const text = [transcript.stderr, transcript.stdout].filter(Boolean).join('\n').trim();
  return text.split('\n').slice(-3).join(' | ') || '(no output)';
}
