import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import { exchange } from './exchange-stats.ts';
import type { Probe } from './probe.ts';

/** What the mock exchange has resting on its book, unexecuted: read at the exchange, never at the gateway. */
interface OpenOrders {
  count: number;
  byClient: Record<string, number>;
}

async function openOrders(exchangeUrl: string): Promise<OpenOrders> {
  const response = await fetch(`${exchangeUrl}/admin/orders/open`, { signal: timeoutAfterPendingIo(2000) });
  if (!response.ok) throw new Error(`exchange /admin/orders/open answered ${response.status}`);
  return (await response.json()) as OpenOrders;
}

function describe(open: OpenOrders): string {
  const clients = Object.entries(open.byClient).map(([client, n]) => `${client}: ${n}`);
  return `${open.count} order(s) open at the exchange${clients.length > 0 ? ` (${clients.join(', ')})` : ''}`;
}

/**
 * The number of orders resting at the exchange, within bounds: `{ atLeast: 200 }` (a runaway strategy's orders have
 * reached the book), `{ atMost: 0 }` (a kill switch has cancelled every one of them).
 */
export function exchangeOpenOrders(bounds: { readonly atLeast?: number; readonly atMost?: number }): Probe {
  const { atLeast = 0, atMost = Number.POSITIVE_INFINITY } = bounds;
  const name =
    atMost === 0
      ? 'no order open at the exchange'
      : `${[bounds.atLeast !== undefined && `at least ${atLeast}`, bounds.atMost !== undefined && `at most ${atMost}`].filter(Boolean).join(' and ')} order(s) open at the exchange`;
  return {
    name,
    uses: { services: [exchange] },
    async observe({ env }) {
      const open = await openOrders(env.service(exchange).url!);
      return { ok: open.count >= atLeast && open.count <= atMost, detail: describe(open) };
    },
  };
}
