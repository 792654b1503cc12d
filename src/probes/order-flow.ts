import type { Probe } from './probe.ts';

/** The load generator got at least one order acknowledged in the last `windowMs`. */
export function ordersAcknowledged(windowMs = 1000): Probe {
  return {
    name: `orders acknowledged within the last ${windowMs} ms`,
    async observe({ orderFlow }) {
      const count = orderFlow.acknowledgedWithin(windowMs);
      const { sent, acknowledged, refused, failed } = orderFlow.stats();
      return { ok: count > 0, detail: `${count} acked in ${windowMs} ms (total sent ${sent}, acked ${acknowledged}, refused ${refused}, failed ${failed})` };
    },
  };
}

/** Orders are being filled by the exchange: at least one fill recorded in the last `windowMs`. */
export function ordersFilled(windowMs = 1000): Probe {
  return {
    name: `orders filled within the last ${windowMs} ms`,
    async observe({ sql }) {
      const [row] = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM fills WHERE filled_at > now() - make_interval(secs => $1)`, [windowMs / 1000]);
      const count = Number(row?.n ?? 0);
      return { ok: count > 0, detail: `${count} fills in the last ${windowMs} ms` };
    },
  };
}
