import type { Check } from '../scenario/scenario.ts';

/**
 * An order the gateway refused (answered other than 202) must not be in the
 * orders table: the client was told it was not taken, may send it again, and
 * the dispatcher would send it to the exchange anyway. Happens when a write
 * the gateway gave up on (a client-side timeout) still commits on the server.
 */
export function refusedOrdersNotPersisted(): Check {
  return {
    name: 'no order the gateway refused was persisted (or sent to the exchange)',
    async run({ orderFlow, sql }) {
      const refused = orderFlow.refusedClientOrderIds();
      const [row] = await sql.query<{ persisted: string; filled: string }>(
        `SELECT count(*) AS persisted, count(*) FILTER (WHERE status = 'filled') AS filled FROM orders WHERE client_order_id = ANY($1::text[])`,
        [refused],
      );
      const persisted = Number(row?.persisted ?? 0);
      return {
        ok: persisted === 0,
        detail: `${refused.length} orders refused; ${persisted} of them persisted anyway, ${Number(row?.filled ?? 0)} filled`,
      };
    },
  };
}
