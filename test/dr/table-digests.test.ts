import { describe, expect, it } from 'vitest';
import { compareDigests, type DatabaseDigest, type TableChecks } from '../../src/dr/table-digests.ts';

const checks: TableChecks = {
  compare: [
    { table: 'orders', writtenAt: 'created_at', columns: ['id', 'qty'] },
    { table: 'fills', writtenAt: 'filled_at' },
  ],
  exclude: { dispatchers: 'leases, rewritten every second' },
};
// Seconds 100, 101, 102; the cutoff falls inside second 102, so it is left out.
const seconds = (...sums: [number, number, bigint][]) => new Map(sums.map(([s, rows, hashSum]) => [s, { rows, hashSum }]));
const source: DatabaseDigest = {
  allTables: ['dispatchers', 'fills', 'orders'],
  databaseBytes: 8e6,
  tables: [
    { table: 'orders', seconds: seconds([100, 5, 11n], [101, 3, 7n], [102, 9, 99n]) },
    { table: 'fills', seconds: seconds([100, 4, 8n], [102, 1, 1n]) },
  ],
};
const cutoff = 102_500;

describe('compareDigests', () => {
  it('passes a restore with the same rows written before the cutoff, whatever came after', () => {
    const restored: DatabaseDigest = {
      allTables: ['dispatchers', 'fills', 'orders'],
      databaseBytes: 8e6,
      tables: [
        { table: 'orders', seconds: seconds([100, 5, 11n], [101, 3, 7n], [102, 2, 5n], [200, 40, 1n]) },
        { table: 'fills', seconds: seconds([100, 4, 8n]) },
      ],
    };
    const result = compareDigests(source, restored, checks, cutoff);
    expect(result.every((r) => r.ok)).toBe(true);
    expect(result[0]!.detail).toBe(
      'orders: 8 rows written before 1970-01-01T00:01:42.000Z in the source, 8 after the restore, same values',
    );
  });

  it('names a table the restore skipped, one with a row missing and one with a changed value', () => {
    const restored: DatabaseDigest = {
      allTables: ['dispatchers', 'orders'],
      databaseBytes: 8e6,
      tables: [{ table: 'orders', seconds: seconds([100, 5, 12n], [101, 3, 7n]) }, { table: 'fills' }],
    };
    const result = compareDigests(source, restored, checks, cutoff);
    expect(result.map((r) => [r.table, r.ok])).toEqual([
      ['orders', false],
      ['fills', false],
    ]);
    expect(result[0]!.detail).toContain('8 after the restore, different values');
    expect(result[1]!.detail).toBe('fills: missing after the restore (4 rows written before 1970-01-01T00:01:42.000Z in the source)');
    const fewer = compareDigests(source, { ...restored, tables: [{ table: 'orders', seconds: seconds([100, 5, 11n]) }] }, checks, cutoff);
    expect(fewer[0]!.detail).toContain('8 rows written before 1970-01-01T00:01:42.000Z in the source, 5 after the restore');
  });

  it('calls out a source table neither compared nor excluded', () => {
    const withNew = { ...source, allTables: [...source.allTables, 'positions'] };
    const result = compareDigests(withNew, source, checks, cutoff);
    expect(result.filter((r) => !r.ok).map((r) => r.detail)).toEqual([
      'positions: neither compared nor excluded: declare the column its rows are written at, or exclude it with the reason',
    ]);
  });
});
