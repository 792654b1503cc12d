import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/runner/timeline.ts';
import { scenarioSteps } from '../support/allure/scenario-steps.ts';
import { handMadeResult } from '../support/hand-made-evidence.ts';
import { stepTranscript } from '../support/step-transcript.ts';

const t0 = Date.parse('2026-12-02T08:00:00.000Z');
const event = (t: number, kind: string, detail: Record<string, unknown> = {}): TimelineEvent => ({
  t,
  at: new Date(t0 + t).toISOString(),
  kind,
  detail,
});

// A run that detected the fault, missed its alert, and whose one remediation step failed its postcondition.
const timeline = [
  event(0, 'scenario.started'),
  event(10, 'phase.started', { phase: 'steady-state' }),
  event(900, 'steady-state.held', { observations: 'ok' }),
  event(901, 'phase.finished', { phase: 'steady-state' }),
  event(902, 'phase.started', { phase: 'inject' }),
  event(950, 'fault.injected', { description: 'redis stopped' }),
  event(951, 'phase.finished', { phase: 'inject' }),
  event(952, 'phase.started', { phase: 'detect' }),
  event(2_100, 'detection.signal', { detectMs: 1_150, signal: 'redis ping' }),
  event(2_101, 'phase.finished', { phase: 'detect' }),
  event(2_102, 'phase.started', { phase: 'alerts' }),
  event(2_103, 'alert.waiting', { alert: 'RedisDown', withinMs: 10_000 }),
  event(12_000, 'alert.missed', { alert: 'RedisDown', last: 'pending' }),
  event(12_001, 'phase.finished', { phase: 'alerts' }),
  event(12_002, 'phase.started', { phase: 'restore' }),
  event(12_003, 'remediation.started', { steps: ['redis.restart'] }),
  event(12_010, 'step.started', { stepId: 'redis.restart', title: 'Restart Redis' }),
  event(13_010, 'step.finished', { stepId: 'redis.restart', exitCode: 1, timedOut: false, durationMs: 1_000 }),
  event(13_020, 'step.failed', { stepId: 'redis.restart', reason: 'redis.restart exited 1' }),
  event(13_021, 'phase.finished', { phase: 'restore', failures: ['redis.restart exited 1'] }),
  event(13_022, 'phase.started', { phase: 'cleanup' }),
  event(13_500, 'fault.reverted', { description: 'redis stopped' }),
  event(13_600, 'phase.finished', { phase: 'cleanup' }),
  event(13_601, 'scenario.finished', { verdict: 'failed' }),
];
const failedRun = handMadeResult({
  id: 'redis-outage',
  verdict: 'failed',
  reasons: ['alert RedisDown did not fire', 'redis.restart exited 1'],
  steps: [stepTranscript('redis.restart', 'restarting', { command: 'redis-cli restart', exitCode: 1, stderr: 'refused' })],
  timeline,
});

describe('scenarioSteps: a scenario record as Allure steps', () => {
  it('gives a step per phase with the times of its marks, then the verdict', () => {
    const steps = scenarioSteps(failedRun);
    expect(steps.map((s) => [s.name, s.start - t0, s.stop - t0, s.status])).toEqual([
      ['steady state', 10, 901, 'passed'],
      ['inject the faults', 902, 951, 'passed'],
      ['detect', 952, 2_101, 'passed'],
      ['alerts', 2_102, 12_001, 'failed'],
      ['restore: the runbook steps, then recovery awaited', 12_002, 13_021, 'failed'],
      ['cleanup: order flow stopped, faults reverted, fault proxy reset', 13_022, 13_600, 'passed'],
      ['verdict: failed', 13_601, 13_601, 'failed'],
    ]);
    expect(steps[3]!.message).toBe('alert RedisDown did NOT fire (last: pending)');
    // A wait is one step from its start to what ended it.
    expect(steps[3]!.steps.map((s) => [s.name, s.start - t0, s.stop - t0, s.status])).toEqual([
      ['alert RedisDown did NOT fire (last: pending)', 2_103, 12_000, 'failed'],
    ]);
    expect(steps[6]!.message).toBe('alert RedisDown did not fire; redis.restart exited 1');
  });

  it('puts each runbook step inside its phase with its transcript, and the events a reader is shown as point steps', () => {
    const remediate = scenarioSteps(failedRun)[4]!;
    expect(remediate.steps.map((s) => [s.name, s.stop - s.start, s.status])).toEqual([
      ['runbook step redis.restart: Restart Redis: exit 1 in 1000 ms', 1_000, 'passed'],
      ['runbook step failed: redis.restart exited 1', 0, 'failed'],
    ]);
    // The phase's failure the step.failed event already says is not said twice.
    expect(remediate.message).toBe('runbook step failed: redis.restart exited 1');
    const [transcript] = remediate.steps[0]!.attachments;
    expect(transcript).toMatchObject({ name: 'transcript redis.restart', contentType: 'text/plain' });
    expect(transcript!.content).toBe('$ redis-cli restart\n# exit 1 after 1 ms\n--- stdout\nrestarting\n--- stderr\nrefused');
    expect(scenarioSteps(failedRun)[1]!.steps.map((s) => s.name)).toEqual(['fault injected: redis stopped']);
  });

  it('fails a phase by the failures it added that no event shows (integrity problems)', () => {
    const lost = handMadeResult({
      id: 'redis-outage',
      verdict: 'failed',
      timeline: [
        event(0, 'phase.started', { phase: 'integrity' }),
        event(4, 'integrity.checked', { detail: '2 of 90 acknowledged orders lost' }),
        event(5, 'phase.finished', { phase: 'integrity', failures: ['2 acknowledged orders lost: c-1, c-2'] }),
      ],
    });
    expect(scenarioSteps(lost).map((s) => [s.name, s.status, s.message, s.steps.map((p) => [p.name, p.status])])).toEqual([
      ['integrity', 'failed', '2 acknowledged orders lost: c-1, c-2', [['integrity: 2 of 90 acknowledged orders lost', 'passed']]],
    ]);
  });

  it('marks a phase that threw broken with its error, and one that never finished broken', () => {
    const threw = handMadeResult({
      id: 'redis-outage',
      verdict: 'errored',
      reason: 'harness error: proxy gone',
      timeline: [
        event(0, 'phase.started', { phase: 'inject' }),
        event(5, 'phase.finished', { phase: 'inject', error: 'proxy gone' }),
        event(6, 'phase.started', { phase: 'cleanup' }),
        event(7, 'fault-proxy.reset-failed', { error: 'ECONNREFUSED' }),
      ],
    });
    expect(scenarioSteps(threw).map((s) => [s.name, s.status, s.message])).toEqual([
      ['inject the faults', 'broken', 'proxy gone'],
      [
        'cleanup: order flow stopped, faults reverted, fault proxy reset',
        'broken',
        'fault proxy reset FAILED: ECONNREFUSED; the phase did not finish (the run was interrupted or the harness broke)',
      ],
    ]);
  });
});
