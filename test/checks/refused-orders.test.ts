import { describe, expect, it } from 'vitest';
import { refusedOrdersNotPersisted } from '../../src/checks/refused-orders-not-persisted.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import { InMemoryWorkload } from '../support/in-memory-workload.ts';

// The verdict from what the workload adapter reads back, on an in-memory
// system (the reference adapter against a real PostgreSQL runs in
// test/workload/reference-workload.integration.test.ts and the pg scenarios).
function context(refused: string[], workload: InMemoryWorkload): CheckContext {
  const orderFlow = { workload, refusedClientOrderIds: () => refused };
  return { orderFlow, signal: new AbortController().signal } as unknown as CheckContext;
}

describe('refusedOrdersNotPersisted', () => {
  const check = refusedOrdersNotPersisted();

  it('asks about exactly the orders the system refused, and holds when none was persisted', async () => {
    const workload = new InMemoryWorkload().hold({ acked: 1 });
    expect(await check.run(context(['c-1', 'c-2'], workload))).toEqual({
      ok: true,
      detail: '2 orders refused; 0 of them persisted anyway, 0 filled',
    });
    expect(workload.asked).toEqual([['c-1', 'c-2']]);
  });

  it('fails when a refused order was persisted anyway, counting the filled ones', async () => {
    const workload = new InMemoryWorkload().hold({ 'c-1': 0, 'c-2': 1 });
    expect(await check.run(context(['c-1', 'c-2', 'c-3'], workload))).toEqual({
      ok: false,
      detail: '3 orders refused; 2 of them persisted anyway, 1 filled',
    });
  });

  it('asks nothing when nothing was refused', async () => {
    const workload = new InMemoryWorkload();
    expect(await check.run(context([], workload))).toEqual({ ok: true, detail: '0 orders refused; 0 of them persisted anyway, 0 filled' });
    expect(workload.asked).toEqual([]);
  });
});
