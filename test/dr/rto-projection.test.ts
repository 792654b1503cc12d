import { describe, expect, it } from 'vitest';
import { formatRtoProjection } from '../../src/dr/format-rto-projection.ts';
import { type MeasuredStrategy, projectRto } from '../../src/dr/rto-projection.ts';

// The measurement: a 715 MB database restored by pg_restore at about 46 MB/s (15.5 s).
const logical: MeasuredStrategy = { strategy: 'logical', databaseBytes: 715e6, backupMs: 10_000, restoreMs: 15_543, fixedMs: 60_000 };
const physical: MeasuredStrategy = { strategy: 'physical+wal', databaseBytes: 715e6, backupMs: 7_000, restoreMs: 3_000, fixedMs: 60_000 };

describe('projectRto', () => {
  it('projects RTO as the fixed part plus the restore at the measured throughput, linear in size', () => {
    const [s] = projectRto([logical]).strategies;
    expect(s!.restore).toEqual({ projectable: true, bytesPerSecond: expect.closeTo(46e6, -4) });
    const [tenGb, hundredGb, oneTb] = s!.sizes;
    expect(tenGb!.rtoMs).toBeCloseTo(60_000 + (15_543 * 10e9) / 715e6, 3);
    expect(hundredGb!.rtoMs).toBeCloseTo(60_000 + (15_543 * 100e9) / 715e6, 3);
    expect(oneTb!.rtoMs).toBeCloseTo(60_000 + (15_543 * 1e12) / 715e6, 3);
    expect(s!.sizes.map((size) => size.rtoHolds)).toEqual([true, false, false]);
  });

  it('gives the break-even size: the largest database whose RTO holds, where the issue saw it (near 100 GB for a logical restore)', () => {
    const [s] = projectRto([{ ...logical, fixedMs: 0 }]).strategies;
    expect(s!.rtoBreakEvenBytes).toBeCloseTo((1_800_000 * 715e6) / 15_543, 0);
    expect(s!.rtoBreakEvenBytes! / 1e9).toBeGreaterThan(80);
    expect(s!.rtoBreakEvenBytes! / 1e9).toBeLessThan(100);
    // At the break-even size the RTO is exactly the target; a byte more misses it.
    const [at, over] = projectRto([logical], { sizesBytes: [s!.rtoBreakEvenBytes! - (60_000 / 15_543) * 715e6, 200e9] }).strategies[0]!
      .sizes;
    expect(at!.rtoMs).toBeCloseTo(1_800_000, 3);
    expect([at!.rtoHolds, over!.rtoHolds]).toEqual([true, false]);
  });

  it('says the target never holds when the fixed part alone takes longer (break-even 0)', () => {
    const [s] = projectRto([{ ...logical, fixedMs: 31 * 60_000 }]).strategies;
    expect(s!.rtoBreakEvenBytes).toBe(0);
    expect(s!.sizes.every((size) => size.rtoHolds === false)).toBe(true);
    expect(formatRtoProjection(projectRto([{ ...logical, fixedMs: 31 * 60_000 }]))).toContain('the fixed part alone misses 30 min');
  });

  it('projects the backup against the hourly interval, with its own break-even size', () => {
    const [s] = projectRto([logical], { sizesBytes: [100e9, 300e9] }).strategies;
    // 71.5 MB/s: 100 GB in 23 min, 300 GB in 70 min; the hour holds up to 257.4 GB.
    expect(s!.sizes.map((size) => [Math.round(size.backupMs! / 60_000), size.backupFitsInterval])).toEqual([
      [23, true],
      [70, false],
    ]);
    expect(s!.backupBreakEvenBytes).toBeCloseTo(3600 * 71.5e6, 0);
  });

  it('takes the sizes, target and interval as options', () => {
    const projection = projectRto([physical], { sizesBytes: [5e9], targetMs: 60_000, backupIntervalMs: 1000 });
    expect(projection).toMatchObject({ targetMs: 60_000, backupIntervalMs: 1000, sizesBytes: [5e9] });
    expect(projection.strategies[0]!.sizes).toEqual([
      { bytes: 5e9, rtoMs: 60_000 + (3000 * 5e9) / 715e6, rtoHolds: false, backupMs: (7000 * 5e9) / 715e6, backupFitsInterval: false },
    ]);
  });

  it('refuses to project from a database below the floor, saying on what it was measured', () => {
    const [s] = projectRto([{ ...logical, databaseBytes: 8.1e6 }]).strategies;
    expect(s!.restore).toEqual({
      projectable: false,
      reason: expect.stringMatching(/^measured on 8\.1 MB: too small to project \(below 50 MB/),
    });
    expect(s!.backup.projectable).toBe(false);
    expect(s!.rtoBreakEvenBytes).toBeUndefined();
    expect(s!.sizes[0]).toEqual({ bytes: 10e9 });
  });

  it('refuses a zero size and a zero duration instead of dividing by them', () => {
    const [zeroSize, zeroRestore] = projectRto([
      { ...logical, databaseBytes: 0 },
      { ...logical, restoreMs: 0 },
    ]).strategies;
    expect(zeroSize!.restore).toMatchObject({ projectable: false, reason: expect.stringContaining('measured on 0 B: too small') });
    expect(zeroRestore!.restore).toMatchObject({ projectable: false, reason: expect.stringContaining('the restore took 0 ms, too short') });
    // The backup was long enough: it is still projected.
    expect(zeroRestore!.backup.projectable).toBe(true);
    expect(zeroRestore!.sizes[0]).toEqual({ bytes: 10e9, backupMs: expect.any(Number), backupFitsInterval: true });
    for (const s of [zeroSize!, zeroRestore!]) for (const size of s.sizes) expect(Number.isFinite(size.rtoMs ?? 0)).toBe(true);
  });

  it('projects a step measured just at the floors, and not one just under them', () => {
    const floors = { minMeasuredBytes: 50e6, minScalingMs: 1000 };
    const at = projectRto([{ ...logical, databaseBytes: 50e6, restoreMs: 1000 }], floors).strategies[0]!;
    expect(at.restore).toEqual({ projectable: true, bytesPerSecond: 50e6 });
    const under = projectRto([{ ...logical, databaseBytes: 50e6, restoreMs: 999 }], floors).strategies[0]!;
    expect(under.restore.projectable).toBe(false);
  });

  it('rejects a negative or non-finite measurement, naming the strategy and field', () => {
    expect(() => projectRto([{ ...physical, backupMs: -1 }])).toThrow(
      'RTO projection of "physical+wal": backupMs is -1, expected a finite number ≥ 0',
    );
    expect(() => projectRto([{ ...logical, databaseBytes: Number.NaN }])).toThrow(/"logical": databaseBytes is NaN/);
  });
});

describe('formatRtoProjection', () => {
  it('prints each strategy with its throughputs and break-even sizes, and a row per size marking where 30 minutes stops holding', () => {
    const text = formatRtoProjection(projectRto([logical, physical]));
    expect(text).toContain('logical: measured on 715 MB (backup 10 s, restore 16 s, fixed part 60 s): restore 46.0 MB/s, backup 71.5 MB/s');
    expect(text).toContain('RTO ≤ 30 min up to 80 GB; backup within 60 min up to 257 GB');
    expect(text).toMatch(/physical\+wal: measured on 715 MB .*restore 238\.3 MB\/s/);
    const rows = text.split('\n').filter((line) => /^│ (10 GB|100 GB|1 TB) /.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/│ 10 GB +│ 277 s: holds +│ 140 s: fits 60 min +│ 102 s: holds +│/);
    expect(rows[1]).toMatch(/100 GB +│ 37 min: OVER 30 min/);
    expect(rows[2]).toMatch(/1 TB +│ 6\.1 h: OVER 30 min +│ 3\.9 h: OVER 60 min +│ 71 min: OVER 30 min/);
  });

  it('says why a strategy is not projected', () => {
    const text = formatRtoProjection(projectRto([{ ...logical, databaseBytes: 8.1e6 }]));
    expect(text).toContain('restore not projected: measured on 8.1 MB: too small to project');
    expect(text).toMatch(/│ 10 GB +│ not projected +│ not projected +│/);
  });
});
