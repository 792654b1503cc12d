import { describe, expect, it } from 'vitest';
import { stepOutputShows } from '../../src/checks/step-output-shows.ts';
import type { StepTranscript } from '../../src/runbook/step.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import { stepTranscript } from '../support/step-transcript.ts';

const transcript = (stepId: string, stdout: string, extra: Partial<StepTranscript> = {}) =>
  stepTranscript(stepId, stdout, { durationMs: 3, ...extra });
const context = (transcripts: StepTranscript[]) => ({ transcripts }) as unknown as CheckContext;
const check = stepOutputShows('redis.latency-check', [{ what: 'the PING time', pattern: /PING: \d+ ms/ }]);

describe('stepOutputShows, which run and what it printed', () => {
  it('judges the run of its own step that was not skipped', async () => {
    const runs = [
      transcript('other.step', 'PING: 3 ms'),
      transcript('redis.latency-check', 'PING: 3 ms', { skipped: 'skipped: not here' }),
      transcript('redis.latency-check', 'nothing useful'),
    ];
    expect((await check.run(context(runs))).ok).toBe(false);
    expect((await check.run(context([transcript('redis.latency-check', 'PING: 3 ms'), ...runs]))).ok).toBe(true);
  });

  it('says how the step ended: timed out, its exit status, or a signal', async () => {
    const detail = async (extra: Partial<StepTranscript>) =>
      (await check.run(context([transcript('redis.latency-check', 'x', extra)]))).detail;
    expect(await detail({ timedOut: true, exitCode: null })).toMatch(/ ran \(timed out\) /);
    expect(await detail({ exitCode: 3 })).toMatch(/ ran \(exit 3\) /);
    expect(await detail({ exitCode: null })).toMatch(/ ran \(exit by a signal\) /);
  });

  it('quotes what it printed on one line, its last 200 characters when longer', async () => {
    const printed = async (stdout: string) =>
      (await check.run(context([transcript('redis.latency-check', stdout)]))).detail.replace(/^.*; it printed: /, '');
    expect(await printed('  PONG\n\n  slow   reply \n')).toBe('"PONG slow reply"');
    const long = `${'a'.repeat(50)}${'b'.repeat(200)}`;
    expect(await printed(long)).toBe(`"…${'b'.repeat(200)}"`);
    expect(await printed('c'.repeat(200))).toBe(`"${'c'.repeat(200)}"`);
    expect(await printed(' \n ')).toBe('(nothing)');
  });
});
