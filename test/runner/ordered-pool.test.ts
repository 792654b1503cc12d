import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { orderedPool } from '../../src/runner/ordered-pool.ts';

// Items that take the time given, in ms: the order they finish in is not the order they were given in.
async function pool(items: number[], concurrency: number, failAt?: number) {
  const started: number[] = [];
  const settled: number[] = [];
  let running = 0;
  let most = 0;
  const run = orderedPool(
    items,
    concurrency,
    async (ms, index) => {
      started.push(index);
      most = Math.max(most, ++running);
      await sleep(ms);
      running--;
      if (index === failAt) throw new Error(`item ${index} broke`);
      return index * 10;
    },
    async (result) => {
      settled.push(result);
    },
  );
  return { run, started, settled, most: () => most };
}

describe('orderedPool', () => {
  it('runs at most `concurrency` at a time and settles in item order whatever finishes first', async () => {
    const p = await pool([60, 5, 30, 5, 5], 3);
    await p.run;
    expect(p.most()).toBe(3);
    expect(p.started).toEqual([0, 1, 2, 3, 4]);
    expect(p.settled).toEqual([0, 10, 20, 30, 40]);
  });

  it('one at a time: each item after the one before', async () => {
    const p = await pool([10, 5, 1], 1);
    await p.run;
    expect(p.most()).toBe(1);
    expect(p.settled).toEqual([0, 10, 20]);
  });

  it('more lanes than items, and no item: nothing waits on a lane that has nothing to do', async () => {
    const few = await pool([5, 5], 8);
    await few.run;
    expect(few.most()).toBe(2);
    const none = await pool([], 3);
    await none.run;
    expect(none.settled).toEqual([]);
  });

  it('after a failure starts nothing more, lets the running ones finish, then throws the failure', async () => {
    const p = await pool([5, 40, 40, 5, 5], 2, 0);
    await expect(p.run).rejects.toThrow('item 0 broke');
    expect(p.started).toEqual([0, 1]);
    expect(p.settled).toEqual([]);
  });
});
