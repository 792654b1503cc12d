import { describe, expect, it } from 'vitest';
import { negativeControl } from '../../src/checks/negative-control.ts';
import type { Fault } from '../../src/faults/fault.ts';
import type { Probe } from '../../src/probes/probe.ts';
import type { CheckContext, RemediationStep } from '../../src/scenario/scenario.ts';
import { stepTranscript } from '../support/step-transcript.ts';

const step = { id: 'pm2.restart-all', run: 'pm2 restart all' };
const probe = (name: string, ok: boolean, detail: string): Probe => ({ name, observe: async () => ({ ok, detail }) });

/** A fault that logs when it is set up and reverted. */
function recorded(log: string[]): Fault {
  return {
    kind: 'test.given',
    description: 'the file changed',
    async inject() {
      log.push('given');
      return { description: 'the file changed (f.json)', revert: async () => void log.push('reverted') };
    },
  };
}

function context(log: string[], ran: (step: RemediationStep) => ReturnType<CheckContext['runStep']>): CheckContext {
  return {
    runStep: async (declared) => {
      log.push(`ran ${typeof declared === 'string' ? declared : declared.run}`);
      return ran(declared as RemediationStep);
    },
  } as CheckContext;
}

describe('negativeControl', () => {
  it('sets up the situation, runs the forbidden command, records every observation holding or not, then reverts', async () => {
    const log: string[] = [];
    const check = negativeControl({
      step,
      forbiddenBecause: 'the runbook says so',
      given: recorded(log),
      observe: [probe('PM2 version', true, 'PM2 7.0.4'), probe('one gateway', false, '2 processes')],
    });
    const seen = await check.run(context(log, async () => stepTranscript(step.id, '', { durationMs: 1200 })));
    expect(seen).toEqual({
      ok: true,
      detail:
        'given the file changed (f.json): ran `pm2 restart all` (exit 0 in 1200 ms); afterwards holds: PM2 version: PM2 7.0.4; ' +
        'does not hold: one gateway: 2 processes',
    });
    expect(log).toEqual(['given', 'ran pm2 restart all', 'reverted']);
    expect(check.name).toBe('negative control: `pm2 restart all` (the runbook says so), and what it did');
  });

  it('fails when the command does not complete, saying how and what it printed', async () => {
    const check = negativeControl({ step, forbiddenBecause: 'x', observe: [probe('never', true, 'looked')] });
    const exit1 = await check.run(context([], async () => stepTranscript(step.id, '', { exitCode: 1, stderr: '[PM2] daemon not found' })));
    expect(exit1).toEqual({
      ok: false,
      detail: '`pm2 restart all` did not complete (exit 1 in 1 ms): nothing to observe; [PM2] daemon not found',
    });
    const timedOut = await check.run(
      context([], async () => stepTranscript(step.id, '', { exitCode: null, timedOut: true, durationMs: 60_000 })),
    );
    expect(timedOut.ok).toBe(false);
    expect(timedOut.detail).toMatch(/^`pm2 restart all` did not complete \(timed out after 60000 ms\)/);
  });

  it('reverts the situation it set up when running the command throws', async () => {
    const log: string[] = [];
    const check = negativeControl({ step, forbiddenBecause: 'x', given: recorded(log), observe: [] });
    await expect(
      check.run(
        context(log, async () => {
          throw new Error('spawn failed');
        }),
      ),
    ).rejects.toThrow('spawn failed');
    expect(log).toEqual(['given', 'ran pm2 restart all', 'reverted']);
  });
});
