/**
 * Data loss for the trading system: every order the gateway acknowledged must
 * be in Postgres and, once the exchange is reachable, filled exactly once.
 *
 * Its reads survive what a failed remediation leaves behind: a read the
 * server or the exchange refuses is tried again for up to `readRetryMs` (and
 * the SQL client falls back to the superuser when the server is full), so a
 * fix that did not work is judged failed, never errored for want of a count.
 */
import { waitUntil } from '../clock/wait-until.ts';
import type { Integrity } from '../scenario/scenario.ts';
import { exchangeStats } from './exchange-stats.ts';
import type { ProbeContext } from './probe.ts';

export interface OrderIntegrityOptions {
  /** How long acknowledged orders may take to drain to the exchange before unfilled ones count as lost. */
  readonly drainMs: number;
  /** How long a refused read is tried again before the check gives up (default 10 s). */
  readonly readRetryMs?: number;
}

const DEFAULT_READ_RETRY_MS = 10_000;
const RETRY_INTERVAL_MS = 250;

export function acknowledgedOrdersIntegrity(options: OrderIntegrityOptions) {
  return async ({ orderFlow, sql, env, signal }: ProbeContext): Promise<Integrity> => {
    const read = <T>(what: string, once: () => Promise<T>) => retried(what, once, options.readRetryMs ?? DEFAULT_READ_RETRY_MS, signal);
    const ids = orderFlow.acknowledgedIds();
    const missing = await read('a count of acknowledged orders missing from the orders table', () => countMissing(sql, ids));
    const unfilled = await waitUntilFilled(sql, ids, options.drainMs).catch(() =>
      read('a count of acknowledged orders not filled', () => countUnfilled(sql, ids)),
    );
    const duplicated = (await read("the exchange's stats", () => exchangeStats(env))).duplicates;
    const lost = missing + unfilled;
    const detail =
      `${ids.length} orders acknowledged: ${missing} missing from the orders table, ` +
      `${unfilled} still unfilled after a drain of up to ${options.drainMs} ms, ${duplicated} duplicate submission(s) seen by the exchange`;
    return { lost, duplicated, detail };
  };
}

/** `once()`, tried again on failure until it answers or `timeoutMs` passes (then the error names what and the last failure). */
async function retried<T>(what: string, once: () => Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  const { value } = await waitUntil(async () => ({ value: await once() }), { what, timeoutMs, intervalMs: RETRY_INTERVAL_MS, signal });
  return value;
}

async function countMissing(sql: ProbeContext['sql'], ids: readonly string[]): Promise<number> {
  const [row] = await sql.query<{ n: string }>(
    'SELECT count(*) AS n FROM unnest($1::uuid[]) AS acked(id) WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = acked.id)',
    [ids],
  );
  return Number(row?.n ?? ids.length);
}

async function countUnfilled(sql: ProbeContext['sql'], ids: readonly string[]): Promise<number> {
  const [row] = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM orders WHERE id = ANY($1::uuid[]) AND status <> 'filled'`, [ids]);
  return Number(row?.n);
}

/** 0 once every acknowledged order is filled; rejects when the drain ends first (a read failing meanwhile is tried again). */
async function waitUntilFilled(sql: ProbeContext['sql'], ids: readonly string[], drainMs: number): Promise<number> {
  await waitUntil(async () => (await countUnfilled(sql, ids)) === 0, {
    what: 'all acknowledged orders filled',
    timeoutMs: drainMs,
    intervalMs: 200,
  });
  return 0;
}
