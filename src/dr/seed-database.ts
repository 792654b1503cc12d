/**
 * Seeds the reference ATS's database up to a size (pg_database_size), for a
 * drill heavier than the few rows a scenario's workload writes. Rows are what
 * the system writes itself: orders in pairs (a buy and a sell of the same
 * symbol, quantity and price, so the risk service's positions and PnL stay
 * flat), 70 % of pairs filled with one fill per order (the fills table's
 * invariant), the rest cancelled or rejected (never `accepted`, which the
 * gateway would send), and ticks in bulk (about 80 % of the bytes), all dated
 * before the seeding began so the services' "latest" and "last 15 minutes"
 * stay theirs. Each batch is one INSERT … SELECT generate_series per table.
 *
 * Batch sizes adapt to the bytes a batch measurably added, so the size lands
 * within one small batch above the target rather than a fixed step above it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { formatBytes, formatThroughput } from './data-size.ts';

export interface SeedProgress {
  readonly bytes: number;
  readonly targetBytes: number;
  readonly elapsedMs: number;
  /** Bytes added since the start over elapsed time. */
  readonly bytesPerSecond: number;
  readonly orders: number;
  readonly ticks: number;
}

export interface SeedOptions {
  readonly targetBytes: number;
  readonly onProgress?: (progress: SeedProgress) => void;
  readonly signal?: AbortSignal;
}

export interface SeedResult extends SeedProgress {
  readonly startBytes: number;
}

/** One unit: orders and ticks in the proportions above (about 5 MB with their indexes). */
const unit = { orders: 2000, ticks: 40_000 };
const maxUnitsPerBatch = 4;
const minUnitsPerBatch = 0.02;

export async function seedDatabase(connection: pg.ClientConfig, options: SeedOptions): Promise<SeedResult> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return await seedWith(client, options);
  } finally {
    await client.end();
  }
}

async function seedWith(client: pg.Client, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const startBytes = await databaseBytes(client);
  const before = (await client.query<{ t: string }>(`SELECT (now() - interval '1 day')::text AS t`)).rows[0]!.t;
  const token = `seed-${randomBytes(4).toString('hex')}`;
  let bytes = startBytes;
  let bytesPerUnit = 5e6;
  const done = { orders: 0, ticks: 0, batches: 0 };
  const progress = (): SeedProgress => {
    const elapsedMs = performance.now() - started;
    return { bytes, targetBytes: options.targetBytes, elapsedMs, bytesPerSecond: ((bytes - startBytes) / elapsedMs) * 1000, ...done };
  };
  while (bytes < options.targetBytes) {
    options.signal?.throwIfAborted();
    const units = Math.min(maxUnitsPerBatch, Math.max(minUnitsPerBatch, (options.targetBytes - bytes) / bytesPerUnit));
    const orders = 2 * Math.max(5, Math.round((units * unit.orders) / 2));
    const ticks = Math.max(100, Math.round(units * unit.ticks));
    await insertOrders(client, `${token}-${done.batches}`, orders, before, done.orders);
    await insertTicks(client, ticks, before, done.ticks);
    Object.assign(done, { orders: done.orders + orders, ticks: done.ticks + ticks, batches: done.batches + 1 });
    const grown = (await databaseBytes(client)) - bytes;
    bytes += grown;
    // A batch can fill pages already allocated and add nothing: keep the estimate until one grows the files.
    if (grown > 0) bytesPerUnit = grown / units;
    options.onProgress?.(progress());
  }
  await client.query('ANALYZE orders, fills, ticks');
  return { ...progress(), startBytes };
}

async function databaseBytes(client: pg.Client): Promise<number> {
  return Number((await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes')).rows[0]!.bytes);
}

const price = (symbol: string, step: string) =>
  `round((CASE ${symbol} WHEN 'AAPL' THEN 190 WHEN 'MSFT' THEN 420 ELSE 60000 END * (1 + (${step} % 200) / 10000.0))::numeric, 2)`;

/** `count` orders (pairs i, i+1: buy and sell, same symbol, qty, price, status), dated back from `before` by `offset` ms on. */
async function insertOrders(client: pg.Client, prefix: string, count: number, before: string, offset: number): Promise<void> {
  await client.query(
    `WITH s AS (
       SELECT i, i / 2 AS pair, (ARRAY['AAPL', 'MSFT', 'BTCUSD'])[1 + (i / 2) % 3] AS symbol,
              $3::timestamptz - ($4::bigint + i) * interval '1 ms' AS at
       FROM generate_series(0, $2::int - 1) i),
     o AS (
       INSERT INTO orders (client_order_id, symbol, side, qty, price, status, created_at, updated_at)
       SELECT $1::text || '-' || i, symbol, CASE WHEN i % 2 = 0 THEN 'buy' ELSE 'sell' END, 1 + pair % 50, ${price('symbol', 'pair')},
              CASE WHEN pair % 10 < 7 THEN 'filled' WHEN pair % 10 < 9 THEN 'cancelled' ELSE 'rejected' END, at, at + interval '20 ms'
       FROM s
       RETURNING id, qty, price, status, updated_at)
     INSERT INTO fills (order_id, exchange_order_id, qty, price, filled_at)
     SELECT id, 'x-' || id, qty, price, updated_at FROM o WHERE status = 'filled'`,
    [prefix, count, before, offset],
  );
}

async function insertTicks(client: pg.Client, count: number, before: string, offset: number): Promise<void> {
  await client.query(
    `INSERT INTO ticks (time, symbol, price, size)
     SELECT $2::timestamptz - i * interval '1 ms', s.symbol, ${price('s.symbol', 'i')}, 1 + i % 100
     FROM generate_series($3::bigint, $3::bigint + $1::int - 1) i, LATERAL (SELECT (ARRAY['AAPL', 'MSFT', 'BTCUSD'])[1 + i % 3] AS symbol) s`,
    [count, before, offset],
  );
}

/** One progress line: `seeded 412 MB of 1 GB (41 %): 18.3 MB/s, 160000 orders, 3200000 ticks`. */
export function formatSeedProgress(p: SeedProgress): string {
  const percent = Math.min(100, Math.floor((p.bytes / p.targetBytes) * 100));
  return `seeded ${formatBytes(p.bytes)} of ${formatBytes(p.targetBytes)} (${percent} %): ${formatThroughput(p.bytesPerSecond)}, ${p.orders} orders, ${p.ticks} ticks`;
}
