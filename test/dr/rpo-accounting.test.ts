import { describe, expect, it } from 'vitest';
import { accountRecoveryPoint, describeAccount } from '../../src/dr/rpo-accounting.ts';

const point = { strategy: 'logical full backup', promise: 'every order acknowledged before it started', from: 10_000, to: 11_000 };
// Sent 50 ms before each acknowledgement.
const order = (id: string, at: number) => ({ clientOrderId: id, sentAt: at - 50, at });
// Lost at 14 s: g was acknowledged by the restored system.
const orders = [
  order('a', 9_000),
  order('b', 9_990),
  order('c', 10_500),
  order('d', 11_040),
  order('e', 12_000),
  order('f', 13_000),
  order('g', 60_000),
];

describe('accountRecoveryPoint', () => {
  it('is exact when everything before the point is back and everything sent after it is missing', () => {
    const back = new Set(['a', 'b', 'c', 'g']);
    const account = accountRecoveryPoint(orders, (id) => back.has(id), point, 14_000);
    expect(account.problems).toEqual([]);
    expect(account.lostBeyondPromise).toBe(0);
    expect(account.measurement).toMatchObject({
      before: { acknowledged: 2, missing: 0 },
      // c was acknowledged during the backup, d sent before it ended: either way is right.
      during: { acknowledged: 2, missing: 1 },
      after: { acknowledged: 2, missing: 2 },
      restored: { acknowledged: 1, missing: 0 },
      rpoMs: 4_000,
    });
    expect(describeAccount(account)).toContain(
      '2 sent after it, before the loss (the loss window): 2 missing (all lost, as the strategy allows)',
    );
  });

  it('counts an order acknowledged before the point and missing as lost beyond the promise', () => {
    const back = new Set(['b', 'g']);
    const account = accountRecoveryPoint(orders, (id) => back.has(id), point, 14_000);
    expect(account.lostBeyondPromise).toBe(1);
    expect(account.problems[0]).toMatch(/^1 of 2 orders acknowledged before the recovery point .* are missing after the restore/);
  });

  it('calls out an order sent after the point that is back: the data was not restored from that backup', () => {
    const back = new Set(['a', 'b', 'e', 'g']);
    const account = accountRecoveryPoint(orders, (id) => back.has(id), point, 14_000);
    expect(account.problems).toEqual([
      expect.stringMatching(/^1 of 2 orders sent after the recovery point .* and before the loss are back after the restore/),
    ]);
  });

  it('counts an order the restored system acknowledged and then lost as lost beyond the promise', () => {
    const back = new Set(['a', 'b']);
    const account = accountRecoveryPoint(orders, (id) => back.has(id), point, 14_000);
    expect(account.lostBeyondPromise).toBe(1);
    expect(account.problems).toEqual(['1 of 1 orders the restored system acknowledged are missing']);
  });
});
