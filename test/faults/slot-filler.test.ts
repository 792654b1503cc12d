import { describe, expect, it } from 'vitest';
import { fillUntilRefused } from '../../src/faults/slot-filler.ts';

// The filling's policy over a stand-in for its sessions, each connect answering as the test scripts it
// (the real server: test/faults/pool-exhaustion.integration.test.ts).
type Answer = 'open' | 'slow' | 'full' | 'auth';

function sessionsAnswering(script: (attempt: number) => Answer) {
  let attempts = 0;
  const sessions = {
    count: 0,
    async open() {
      const answer = script(attempts++);
      if (answer === 'open') sessions.count++;
      else if (answer === 'slow') throw new Error('timeout expired');
      else if (answer === 'full') throw Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
      else throw Object.assign(new Error('password authentication failed for user "ats"'), { code: '28P01' });
    },
  };
  return sessions;
}

const signal = new AbortController().signal;

describe('filling every connection slot', () => {
  it('tries again after connects that time out, and stops at the refusal', async () => {
    // 8 open, then a batch of 8 all too slow, then 7 open and the 8th is refused.
    const sessions = sessionsAnswering((n) => (n < 8 ? 'open' : n < 16 ? 'slow' : n < 23 ? 'open' : 'full'));
    expect(await fillUntilRefused(sessions, 1000, signal)).toEqual({ code: '53300', message: 'sorry, too many clients already' });
    expect(sessions.count).toBe(15);
  });

  it('counts a batch with some sessions opened as progress', async () => {
    const sessions = sessionsAnswering((n) => (n >= 40 ? 'full' : n % 2 === 0 ? 'slow' : 'open'));
    expect((await fillUntilRefused(sessions, 1000, signal)).code).toBe('53300');
    expect(sessions.count).toBe(20);
  });

  it('fails after three batches in a row of connects that all timed out', async () => {
    const sessions = sessionsAnswering((n) => (n < 3 ? 'open' : 'slow'));
    await expect(fillUntilRefused(sessions, 1000, signal)).rejects.toThrow(
      'opening session 4 failed: every connect of 3 batches in a row timed out (timeout expired)',
    );
  });

  it('fails at once on any other error', async () => {
    const sessions = sessionsAnswering((n) => (n < 9 ? 'slow' : 'auth'));
    await expect(fillUntilRefused(sessions, 1000, signal)).rejects.toThrow(
      'opening session 1 failed: password authentication failed for user "ats"',
    );
  });
});
