import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock/clock.ts';
import { runChecks } from '../../src/runner/phases/check.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import type { Check } from '../../src/scenario/scenario.ts';
import { phaseRun } from '../support/phase-run.ts';
import { stepTranscript } from '../support/step-transcript.ts';

// Real bash for the steps a check runs again; a stand-in environment.
const env = { runtime: 'local', variables: () => ({ PATH: process.env.PATH ?? '' }), secrets: () => [] } as unknown as Environment;
const remediation = [{ id: 'gate.reset', title: 'reset the gate', run: 'echo resetting' }];

const transcript = (stepId: string, stdout: string) => stepTranscript(stepId, stdout);

describe('runChecks (after recovery)', () => {
  it('runs every check on the run’s probes and transcripts, records each, and keeps its outcome', async () => {
    const seen: string[] = [];
    const checks: Check[] = [
      {
        name: 'the step printed resetting',
        run: async (context) => {
          seen.push(`${context.env.runtime}: ${context.transcripts.map((t) => t.stdout).join()}`);
          return { ok: true, detail: 'it did' };
        },
      },
      { name: 'no request storm', run: async () => ({ ok: false, detail: '12 requests during the ban' }) },
    ];
    const run = phaseRun({ checks, remediation }, { clock: systemClock, env });
    const outcomes = await runChecks(run, [transcript('gate.reset', 'resetting')]);
    expect(seen).toEqual(['local: resetting']);
    expect(outcomes).toEqual([
      { name: 'the step printed resetting', ok: true, detail: 'it did' },
      { name: 'no request storm', ok: false, detail: '12 requests during the ban' },
    ]);
    expect(run.timeline.events.map((e) => [e.kind, e.detail])).toEqual([
      ['check.passed', { check: 'the step printed resetting', detail: 'it did' }],
      ['check.failed', { check: 'no request storm', detail: '12 requests during the ban' }],
    ]);
  });

  it('lets a check run one of the scenario’s steps again (a negative control), adding its transcript', async () => {
    const transcripts = [transcript('gate.reset', 'resetting')];
    const check: Check = {
      name: 'control',
      run: async (context) => {
        const again = await context.runStep('gate.reset');
        return { ok: again.exitCode === 0, detail: again.stdout.trim() };
      },
    };
    const run = phaseRun({ checks: [check], remediation }, { clock: systemClock, env });
    expect(await runChecks(run, transcripts)).toEqual([{ name: 'control', ok: true, detail: 'resetting' }]);
    expect(transcripts.map((t) => [t.stepId, t.stdout.trim()])).toEqual([
      ['gate.reset', 'resetting'],
      ['gate.reset', 'resetting'],
    ]);
  });

  it('fails a check that throws with its error, and one that runs a step the scenario lacks naming the step and the scenario', async () => {
    const checks: Check[] = [
      {
        name: 'throws',
        run: async () => {
          throw new Error('redis: connection refused');
        },
      },
      { name: 'unknown step', run: async (context) => ({ ok: true, detail: (await context.runStep('gate.nope')).stdout }) },
    ];
    const run = phaseRun({ id: 'rate-limit', checks, remediation }, { clock: systemClock, env });
    expect(await runChecks(run, [])).toEqual([
      { name: 'throws', ok: false, detail: 'check threw: redis: connection refused' },
      { name: 'unknown step', ok: false, detail: 'check threw: no step "gate.nope" in scenario "rate-limit"' },
    ]);
  });
});
