/**
 * What must hold of orders and fills after seeding (or any bulk load): every
 * fill's order exists and is filled, and every filled order has its fill.
 * Answers one sentence per broken rule, with the count and an example id;
 * none when all hold.
 */
import type pg from 'pg';

const rules = [
  {
    what: 'fills whose order does not exist',
    sql: 'SELECT count(*) AS n, min(f.id::text) AS example FROM fills f LEFT JOIN orders o ON o.id = f.order_id WHERE o.id IS NULL',
  },
  {
    what: 'fills whose order is not filled',
    sql: `SELECT count(*) AS n, min(o.id::text) AS example FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.status <> 'filled'`,
  },
  {
    what: 'filled orders without a fill',
    sql: `SELECT count(*) AS n, min(o.id::text) AS example FROM orders o WHERE o.status = 'filled' AND NOT EXISTS (SELECT 1 FROM fills f WHERE f.order_id = o.id)`,
  },
] as const;

export async function ordersAndFillsProblems(client: pg.Client): Promise<string[]> {
  const problems: string[] = [];
  for (const rule of rules) {
    const row = (await client.query<{ n: string; example: string | null }>(rule.sql)).rows[0]!;
    if (Number(row.n) > 0) problems.push(`${row.n} ${rule.what} (e.g. ${row.example})`);
  }
  return problems;
}
