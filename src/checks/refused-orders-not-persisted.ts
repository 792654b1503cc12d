import type { Check } from '../scenario/scenario.ts';

/**
 * An order the system refused must not be persisted: the client was told it
 * was not taken, may send it again, and the reference gateway's dispatcher
 * would send it to the exchange anyway. Happens when a write the gateway gave
 * up on (a client-side timeout) still commits on the server. Asked of the
 * workload adapter (`readBack`); an order it fills at least once is filled.
 */
export function refusedOrdersNotPersisted(): Check {
  return {
    name: 'no order the gateway refused was persisted (or sent to the exchange)',
    async run({ orderFlow, signal }) {
      const refused = orderFlow.refusedClientOrderIds();
      const found = refused.length === 0 ? [] : await orderFlow.workload.readBack(refused, signal);
      const persisted = found.filter((order) => order.persisted).length;
      const filled = found.filter((order) => order.persisted && order.fills > 0).length;
      return { ok: persisted === 0, detail: `${refused.length} orders refused; ${persisted} of them persisted anyway, ${filled} filled` };
    },
  };
}
