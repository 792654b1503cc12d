import { describe, expect, it } from 'vitest';
import { refusedOrdersNotPersisted } from '../../src/checks/refused-orders-not-persisted.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';

// The verdict from what the database answers: a stand-in SqlClient that records
// the parameters and answers the given row (the query against a real PostgreSQL
// runs in the gate's pg scenarios).
function context(refused: string[], row: { persisted: string; filled: string } | undefined) {
  const asked: unknown[][] = [];
  const sql = {
    query: async (_text: string, values: unknown[] = []) => {
      asked.push(values);
      return row ? [row] : [];
    },
  };
  return { asked, context: { orderFlow: { refusedClientOrderIds: () => refused }, sql } as unknown as CheckContext };
}

describe('refusedOrdersNotPersisted', () => {
  const check = refusedOrdersNotPersisted();

  it('asks about exactly the orders the gateway refused, and holds when none was persisted', async () => {
    const { asked, context: c } = context(['c-1', 'c-2'], { persisted: '0', filled: '0' });
    expect(await check.run(c)).toEqual({ ok: true, detail: '2 orders refused; 0 of them persisted anyway, 0 filled' });
    expect(asked).toEqual([[['c-1', 'c-2']]]);
  });

  it('fails when a refused order is in the table anyway, counting the filled ones', async () => {
    const { context: c } = context(['c-1', 'c-2', 'c-3'], { persisted: '2', filled: '1' });
    expect(await check.run(c)).toEqual({ ok: false, detail: '3 orders refused; 2 of them persisted anyway, 1 filled' });
  });

  it('reads no row as none persisted', async () => {
    const { context: c } = context([], undefined);
    expect(await check.run(c)).toEqual({ ok: true, detail: '0 orders refused; 0 of them persisted anyway, 0 filled' });
  });
});
