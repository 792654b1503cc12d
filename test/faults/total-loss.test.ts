import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { totalLoss } from '../../src/faults/total-loss.ts';
import type { Environment } from '../../src/runtime/runtime.ts';

// The loss takes effect when the harness has finished losing the hosts: no probe runs while it kills and removes,
// so detection timed from its start would count the harness's own work (seconds on a loaded machine).
describe('totalLoss', () => {
  it('takes effect once the hosts are lost (after the window and the loss procedure), and says how long the loss took', async () => {
    const calls: string[] = [];
    const env = {
      runtime: 'local',
      async loseEverything() {
        calls.push('lose');
        await sleep(300);
        return { processes: ['redis 1', 'postgres 2'], removed: ['/tmp/x/postgres'] };
      },
    } as unknown as Environment;
    const fault = totalLoss({
      lossWindowMs: 50,
      beforeLoss: async () => void calls.push('before'),
      afterLoss: async () => void calls.push('after'),
    });
    const injected = await fault.inject(env, new AbortController().signal);
    expect(calls).toEqual(['before', 'lose', 'after']);
    // 50 ms of window and 300 ms of loss; a Node timer can fire up to 1 ms early by performance.now (libuv's loop
    // clock is whole milliseconds): 349.96 ms once in CI.
    expect(injected.tookEffectAfterMs).toBeGreaterThanOrEqual(348);
    expect(injected.description).toMatch(/^lost 2 processes \(redis 1, postgres 2\) and removed \/tmp\/x\/postgres, in \d+ ms$/);
    expect(Number(/in (\d+) ms$/.exec(injected.description)![1])).toBeGreaterThanOrEqual(299);
  });

  it('refuses a runtime that cannot lose its hosts', async () => {
    const fault = totalLoss({ lossWindowMs: 0 });
    await expect(fault.inject({ runtime: 'elsewhere' } as unknown as Environment, new AbortController().signal)).rejects.toThrow(
      /the elsewhere runtime cannot lose its hosts/,
    );
  });
});
