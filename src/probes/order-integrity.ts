/**
 * Data loss for the trading system: every order the gateway acknowledged must
 * be in Postgres and, once the exchange is reachable, filled exactly once.
 */
import { waitUntil } from '../clock/wait-until.ts';
import type { Integrity } from '../scenario/scenario.ts';
import { exchangeStats } from './exchange-stats.ts';
import type { ProbeContext } from './probe.ts';

export interface OrderIntegrityOptions {
  /** How long acknowledged orders may take to drain to the exchange before unfilled ones count as lost. */
  readonly drainMs: number;
}

export function acknowledgedOrdersIntegrity(options: OrderIntegrityOptions) {
  return async ({ orderFlow, sql, env }: ProbeContext): Promise<Integrity> => {
    const ids = orderFlow.acknowledgedIds();
    const missing = await countMissing(sql, ids);
    const unfilled = await waitUntilFilled(sql, ids, options.drainMs);
    const duplicated = (await exchangeStats(env)).duplicates;
    const lost = missing + unfilled;
    const detail =
      `${ids.length} orders acknowledged: ${missing} missing from the orders table, ` +
      `${unfilled} still unfilled after a drain of up to ${options.drainMs} ms, ${duplicated} duplicate submission(s) seen by the exchange`;
    return { lost, duplicated, detail };
  };
}

async function countMissing(sql: ProbeContext['sql'], ids: readonly string[]): Promise<number> {
  const [row] = await sql.query<{ n: string }>(
    'SELECT count(*) AS n FROM unnest($1::uuid[]) AS acked(id) WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = acked.id)',
    [ids],
  );
  return Number(row?.n ?? ids.length);
}

async function waitUntilFilled(sql: ProbeContext['sql'], ids: readonly string[], drainMs: number): Promise<number> {
  const unfilled = async () => {
    const [row] = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM orders WHERE id = ANY($1::uuid[]) AND status <> 'filled'`, [
      ids,
    ]);
    return Number(row?.n);
  };
  return waitUntil(async () => (await unfilled()) === 0, { what: 'all acknowledged orders filled', timeoutMs: drainMs, intervalMs: 200 })
    .then(() => 0)
    .catch(unfilled);
}
