import { describe, expect, it } from 'vitest';
import { acknowledgedOrdersIntegrity } from '../../src/probes/order-integrity.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import type { OrderReadBack } from '../../src/workload/workload-adapter.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { InMemoryWorkload } from '../support/in-memory-workload.ts';

// Lost and duplicated orders as the workload adapter reads them back, on an
// in-memory system (the reference adapter on the real system:
// test/workload/reference-workload.integration.test.ts); the drain and the
// retries run on a fake clock.
function context(workload: InMemoryWorkload, acknowledged: readonly string[]): ProbeContext {
  const orderFlow = { workload, acknowledgedClientOrderIds: () => acknowledged };
  return { orderFlow, signal: new AbortController().signal } as unknown as ProbeContext;
}

const integrity = (drainMs: number, clock = fakeClock(0)) => acknowledgedOrdersIntegrity({ drainMs, readRetryMs: 1_000, clock });

describe('acknowledgedOrdersIntegrity', () => {
  it('finds nothing lost when every acknowledged order is persisted and filled once, asking about exactly those orders', async () => {
    const workload = new InMemoryWorkload().hold({ a: 1, b: 1, c: 1, refused: 1 });
    expect(await integrity(1_000)(context(workload, ['a', 'b', 'c']))).toEqual({
      lost: 0,
      duplicated: 0,
      detail:
        "3 orders acknowledged: 0 missing from the system's records, 0 still unfilled after a drain of up to 1000 ms, 0 filled more than once",
    });
    expect(new Set(workload.asked.map((ids) => ids.join()))).toEqual(new Set(['a,b,c']));
  });

  it('counts missing and still unfilled after the drain as lost, more than one fill as duplicated', async () => {
    const workload = new InMemoryWorkload().hold({ filled: 1, unfilled: 0, twice: 2, thrice: 3 });
    const clock = fakeClock(0);
    const found = await integrity(2_000, clock)(context(workload, ['filled', 'missing', 'unfilled', 'twice', 'thrice']));
    expect(found).toEqual({
      lost: 2,
      duplicated: 2,
      detail:
        "5 orders acknowledged: 1 missing from the system's records, 1 still unfilled after a drain of up to 2000 ms, 2 filled more than once",
    });
    expect(clock.now(), 'waited out the drain').toBeGreaterThanOrEqual(2_000);
  });

  it('waits for the drain: an order filled before it ends is not lost, and the wait ends once all are filled', async () => {
    const workload = new InMemoryWorkload().hold({ a: 1, late: 0 });
    const readBack = workload.readBack.bind(workload);
    workload.readBack = async (ids) => {
      if (workload.asked.length === 3) workload.hold({ late: 1 });
      return readBack(ids);
    };
    const clock = fakeClock(0);
    const found = await integrity(10_000, clock)(context(workload, ['a', 'late']));
    expect(found).toMatchObject({ lost: 0, duplicated: 0 });
    expect(clock.now()).toBeLessThan(1_000);
  });

  it("names where the system persists orders and adds what its downstream saw twice (the reference ATS's wording)", async () => {
    const downstream = { name: 'the exchange', duplicateSubmissions: async () => 2 };
    const once = new InMemoryWorkload(undefined, { persistedIn: 'the orders table', downstream }).hold({ a: 1, b: 1 });
    expect(await integrity(500)(context(once, ['a', 'b', 'gone']))).toEqual({
      lost: 1,
      duplicated: 2,
      detail:
        '3 orders acknowledged: 1 missing from the orders table, 0 still unfilled after a drain of up to 500 ms, 2 duplicate submission(s) seen by the exchange',
    });
    const twice = new InMemoryWorkload(undefined, { persistedIn: 'the orders table', downstream }).hold({ a: 2 });
    expect(await integrity(500)(context(twice, ['a']))).toMatchObject({
      duplicated: 3,
      detail: expect.stringMatching(/, 2 duplicate submission\(s\) seen by the exchange, 1 filled more than once$/),
    });
  });

  it("counts the unfilled orders by the system's state of them, where the adapter reads it", async () => {
    const states: Record<string, string | undefined> = { a: 'accepted', b: 'accepted', c: 'sending', d: undefined, e: 'filled' };
    const workload = new InMemoryWorkload();
    workload.readBack = async (ids): Promise<readonly OrderReadBack[]> =>
      ids.map((id) => ({ clientOrderId: id, persisted: true, fills: id === 'e' ? 1 : 0, status: states[id] }));
    expect(await integrity(500)(context(workload, ['a', 'b', 'c', 'd', 'e']))).toMatchObject({
      lost: 4,
      detail: expect.stringContaining(', 4 still unfilled after a drain of up to 500 ms (accepted 2, sending 1), 0 filled'),
    });
  });

  it('counts an order the adapter left out of its answer as missing', async () => {
    const workload = new InMemoryWorkload().hold({ a: 1, b: 1 });
    workload.readBack = async (ids): Promise<readonly OrderReadBack[]> =>
      ids.filter((id) => id !== 'b').map((id) => ({ clientOrderId: id, persisted: true, fills: 1 }));
    expect(await integrity(500)(context(workload, ['a', 'b']))).toMatchObject({ lost: 1, duplicated: 0 });
  });

  it('tries a refused read again, and gives up naming what it could not read', async () => {
    let failures = 2;
    const flaky = new InMemoryWorkload().hold({ a: 1 });
    const readBack = flaky.readBack.bind(flaky);
    flaky.readBack = async (ids) => {
      if (failures-- > 0) throw new Error('sorry, too many clients already');
      return readBack(ids);
    };
    expect(await integrity(500)(context(flaky, ['a']))).toMatchObject({ lost: 0 });

    const down = new InMemoryWorkload(undefined, { persistedIn: 'the orders table' });
    down.readBack = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    await expect(integrity(500)(context(down, ['a']))).rejects.toThrow(
      'a count of acknowledged orders missing from the orders table not reached after 1000ms: connect ECONNREFUSED',
    );
  });

  it('reads nothing back when nothing was acknowledged', async () => {
    const workload = new InMemoryWorkload();
    expect(await integrity(500)(context(workload, []))).toMatchObject({ lost: 0, duplicated: 0 });
    expect(workload.asked).toEqual([]);
  });
});
