/**
 * What a restore gave back, table by table: the source database's rows, read
 * just before the loss, against the restored database's, over what the backup
 * must hold. Each compared table names an immutable timestamp column (when the
 * row was written: `created_at`, `filled_at`) and, when rows change after they
 * are written, the columns that do not; its rows are summed per second of that
 * timestamp: a count and a sum of 60-bit row hashes (md5 of the compared
 * columns), so a million-row table reads as a few thousand numbers and the
 * sums compare whatever the row order.
 *
 *   source (before the loss)  ──┐
 *                               ├─ seconds before the cutoff (the backup's start): rows and hash sums must match
 *   restored                  ──┘   (a missing table, row or changed value names the table)
 *
 * Every other table of the source's public schema must be excluded, with the
 * reason; one neither compared nor excluded is a problem, so a new table is
 * never silently left out of the check.
 */
import pg from 'pg';
import { postgresConnection } from '../runtime/postgres-connection.ts';

/** A table compared across a restore. */
export interface ComparedTable {
  readonly table: string;
  /** An immutable timestamp column: when the row was written. Rows written before the cutoff are compared. */
  readonly writtenAt: string;
  /** The columns compared; default every column. Leave out the ones that change after the row is written (a status). */
  readonly columns?: readonly string[];
}

export interface TableChecks {
  readonly compare: readonly ComparedTable[];
  /** Tables left out, each with why: `dispatchers: leases rewritten every second`. */
  readonly exclude: Readonly<Record<string, string>>;
}

/** One table's rows per second of its writtenAt column (epoch seconds). */
export interface TableDigest {
  readonly table: string;
  /** Absent when the table does not exist. */
  readonly seconds?: ReadonlyMap<number, { readonly rows: number; readonly hashSum: bigint }>;
}

export interface DatabaseDigest {
  readonly tables: readonly TableDigest[];
  /** The public schema's tables (partitions folded into their parent), for the completeness check. */
  readonly allTables: readonly string[];
  /** pg_database_size when read. */
  readonly databaseBytes: number;
}

/** How long one digest query may run: a seeded drill database has millions of rows. */
const DIGEST_TIMEOUT_MS = 10 * 60_000;

/** Reads the digests as the superuser (the harness's reads must survive what they observe). */
export async function digestDatabase(variables: Record<string, string>, checks: TableChecks): Promise<DatabaseDigest> {
  const client = new pg.Client({
    ...postgresConnection(variables, 'admin', 'firedrill-dr-digest'),
    statement_timeout: DIGEST_TIMEOUT_MS,
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    const allTables = rows.map((r) => r.name);
    const [size] = (await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes')).rows;
    const tables: TableDigest[] = [];
    for (const compared of checks.compare) {
      if (!allTables.includes(compared.table)) tables.push({ table: compared.table });
      else tables.push({ table: compared.table, seconds: await digestTable(client, compared) });
    }
    return { tables, allTables, databaseBytes: Number(size?.bytes) };
  } finally {
    await client.end();
  }
}

async function digestTable(client: pg.Client, compared: ComparedTable): Promise<Map<number, { rows: number; hashSum: bigint }>> {
  const id = (name: string) => client.escapeIdentifier(name);
  const row = compared.columns ? `ROW(${compared.columns.map((c) => `t.${id(c)}`).join(', ')})` : 't';
  const { rows } = await client.query<{ second: string; rows: string; hash_sum: string }>(
    `SELECT floor(extract(epoch FROM t.${id(compared.writtenAt)}))::bigint AS second, count(*) AS rows,
            sum(('x' || substr(md5(${row}::text), 1, 15))::bit(60)::bigint) AS hash_sum
       FROM ${id(compared.table)} t GROUP BY 1`,
  );
  return new Map(rows.map((r) => [Number(r.second), { rows: Number(r.rows), hashSum: BigInt(r.hash_sum) }]));
}

export interface TableComparison {
  readonly table: string;
  readonly ok: boolean;
  /** `orders: 4212 rows written before 10:02:03.120Z, 4212 restored, same values`. */
  readonly detail: string;
}

/**
 * Compares the rows written before `cutoffMs` (wall clock): whole seconds only,
 * the second the cutoff falls in is left out. Also a problem: a source table
 * neither compared nor excluded.
 */
export function compareDigests(source: DatabaseDigest, restored: DatabaseDigest, checks: TableChecks, cutoffMs: number): TableComparison[] {
  const before = (digest: TableDigest | undefined) => {
    let rows = 0;
    let hashSum = 0n;
    for (const [second, sums] of digest?.seconds ?? []) {
      if ((second + 1) * 1000 > cutoffMs) continue;
      rows += sums.rows;
      hashSum += sums.hashSum;
    }
    return { rows, hashSum };
  };
  const cutoff = new Date(Math.floor(cutoffMs / 1000) * 1000).toISOString();
  const comparisons = checks.compare.map(({ table }): TableComparison => {
    const was = source.tables.find((t) => t.table === table);
    const now = restored.tables.find((t) => t.table === table);
    if (!was?.seconds) return { table, ok: false, detail: `${table}: not in the source database, so not compared (is its name right?)` };
    const a = before(was);
    if (!now?.seconds)
      return { table, ok: false, detail: `${table}: missing after the restore (${a.rows} rows written before ${cutoff} in the source)` };
    const b = before(now);
    const values = a.hashSum === b.hashSum ? 'same values' : 'different values';
    const ok = a.rows === b.rows && a.hashSum === b.hashSum;
    return { table, ok, detail: `${table}: ${a.rows} rows written before ${cutoff} in the source, ${b.rows} after the restore, ${values}` };
  });
  const unchecked = source.allTables.filter((t) => !checks.compare.some((c) => c.table === t) && !(t in checks.exclude));
  return [
    ...comparisons,
    ...unchecked.map((table) => ({
      table,
      ok: false,
      detail: `${table}: neither compared nor excluded: declare the column its rows are written at, or exclude it with the reason`,
    })),
  ];
}
