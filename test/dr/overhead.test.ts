import { describe, expect, it } from 'vitest';
import { type BackupRestoreMeasurement, medianMeasurement } from '../../src/dr/backup-restore-measurement.ts';
import { compareOverhead, formatOverhead, formatRoundRatios, medianRoundOverhead } from '../../src/dr/overhead.ts';

const timing = (backupMs: number, restoreMs: number) => ({ backupMs, restoreMs, backupBytes: 1, restoredOrders: 1 });
const raw: BackupRestoreMeasurement = {
  databaseBytes: 1e9,
  logical: timing(10_000, 20_000),
  physical: { ...timing(5_000, 2_000), startMs: 900 },
};
const scripts: BackupRestoreMeasurement = {
  databaseBytes: 1e9,
  logical: timing(12_000, 27_000),
  physical: { ...timing(8_000, 2_000), startMs: 950 },
};

describe('compareOverhead', () => {
  it('divides the scripts’ backup + restore by the raw commands’, per strategy, against 1.3×', () => {
    const [logical, physical] = compareOverhead(raw, scripts);
    expect(logical).toMatchObject({ strategy: 'logical', rawMs: 30_000, scriptsMs: 39_000, ratio: 1.3, holds: true });
    // The start of PostgreSQL on the restored directory is not counted: the same server either way.
    expect(physical).toMatchObject({ strategy: 'physical', rawMs: 7_000, scriptsMs: 10_000, holds: false });
    expect(physical!.ratio).toBeCloseTo(10 / 7, 10);
    expect(physical!.steps.map((s) => s.step)).toEqual([
      'backup: pg_basebackup --checkpoint=fast / backup-postgres-base.sh',
      'restore: tar -x / restore-postgres-base.sh',
    ]);
  });

  it('compares the logical round trip alone when either side has no physical one, and never divides by zero', () => {
    const { physical: _, ...logicalOnly } = raw;
    expect(compareOverhead(logicalOnly, scripts).map((o) => o.strategy)).toEqual(['logical']);
    const [zero] = compareOverhead({ databaseBytes: 1e9, logical: timing(0, 0) }, scripts);
    expect(zero).toMatchObject({ ratio: Number.POSITIVE_INFINITY, holds: false });
  });

  it('prints each step with both durations, throughputs and the ratio, and whether the target holds', () => {
    const text = formatOverhead(compareOverhead(raw, scripts), 1e9);
    expect(text).toMatch(
      /│ restore: pg_restore --single-transaction \/ restore-postgres\.sh +│ 20 s +│ 50\.0 MB\/s +│ 27 s +│ 37\.0 MB\/s +│ 1\.35× +│/,
    );
    expect(text).toContain("logical: the scripts took 1.30× the raw commands' time (target ≤ 1.3×): holds");
    expect(text).toContain("physical: the scripts took 1.43× the raw commands' time (target ≤ 1.3×): MISSED");
    expect(text).toContain("the scripts' times count all their checks");
  });
});

describe('medianRoundOverhead', () => {
  const round = (rawRestoreMs: number, scriptsRestoreMs: number): [BackupRestoreMeasurement, BackupRestoreMeasurement] => [
    { databaseBytes: 1e9, logical: timing(10_000, 20_000), physical: { ...timing(2_000, rawRestoreMs), startMs: 900 } },
    { databaseBytes: 1e9, logical: timing(10_000, 20_000), physical: { ...timing(2_000, scriptsRestoreMs), startMs: 900 } },
  ];

  it('judges each strategy on its median round by ratio, the raw commands and the scripts of one round paired', () => {
    // Physical ratios 1.4×, 1.5×, 1.0× (a round where the raw tar was slow): median 1.4×, round 1. Each side's
    // median taken apart (raw 1,000 + 2,000, scripts 1,800 + 2,000) would say 1.27× and hold.
    const rounds = [round(1_000, 2_200), round(2_000, 4_000), round(1_800, 1_800)];
    const [logical, physical] = medianRoundOverhead(
      rounds.map(([raw]) => raw),
      rounds.map(([, scripts]) => scripts),
    );
    expect(logical).toMatchObject({ strategy: 'logical', ratio: 1, holds: true });
    expect(physical).toMatchObject({ strategy: 'physical', round: 1, rawMs: 3_000, scriptsMs: 4_200, holds: false });
    expect(physical!.ratio).toBeCloseTo(1.4, 10);
    const fieldMedians = compareOverhead(
      medianMeasurement(rounds.map(([raw]) => raw)),
      medianMeasurement(rounds.map(([, scripts]) => scripts)),
    );
    expect(fieldMedians[1]).toMatchObject({ holds: true });
  });

  it('takes the lower middle of an even count, leaves out a strategy some round lacks, and refuses rounds that do not pair up', () => {
    const rounds = [round(1_000, 1_200), round(1_000, 1_600)];
    const [, physical] = medianRoundOverhead(
      rounds.map(([raw]) => raw),
      rounds.map(([, scripts]) => scripts),
    );
    expect(physical).toMatchObject({ round: 1, holds: true });
    const { physical: _, ...logicalOnly } = raw;
    expect(medianRoundOverhead([raw, logicalOnly], [scripts, scripts]).map((o) => o.strategy)).toEqual(['logical']);
    // One round is the round: the table and the verdict name none.
    expect(medianRoundOverhead([raw], [scripts])).toEqual(compareOverhead(raw, scripts));
    expect(() => medianRoundOverhead([raw], [])).toThrow('1 raw rounds against 0 of the scripts');
    expect(() => medianRoundOverhead([], [])).toThrow('0 raw rounds against 0 of the scripts');
  });

  it('names the median round in the table and the verdict', () => {
    const rounds = [round(1_000, 2_200), round(2_000, 4_000), round(1_800, 1_800)];
    const text = formatOverhead(
      medianRoundOverhead(
        rounds.map(([raw]) => raw),
        rounds.map(([, scripts]) => scripts),
      ),
      1e9,
    );
    expect(text).toMatch(/│ physical: backup \+ restore \(round 1\) +│ 3\.0 s +│/);
    expect(text).toContain("physical: the scripts took 1.40× the raw commands' time in its median round (round 1) (target ≤ 1.3×): MISSED");
  });
});

describe('formatRoundRatios', () => {
  it('gives each round’s ratio per strategy, in round order, so that a round over the target shows beside the medians', () => {
    expect(formatRoundRatios([raw, scripts], [scripts, raw])).toBe(
      'per round: logical 1.30×, 0.77×; physical 1.43×, 0.70× (the verdict above is on the median round of each strategy)',
    );
    const { physical: _, ...logicalOnly } = raw;
    expect(formatRoundRatios([logicalOnly], [scripts])).toBe(
      'per round: logical 1.30× (the verdict above is on the median round of each strategy)',
    );
    // A strategy some round lacks is left out rather than shown with a hole.
    expect(formatRoundRatios([raw, logicalOnly], [scripts, scripts])).toBe(
      'per round: logical 1.30×, 1.30× (the verdict above is on the median round of each strategy)',
    );
  });

  it('refuses rounds that do not pair up', () => {
    expect(() => formatRoundRatios([raw, raw], [scripts])).toThrow('2 raw rounds against 1 of the scripts');
  });
});

describe('medianMeasurement', () => {
  it('takes each field’s median over the rounds, the lower middle of an even count', () => {
    const rounds = [raw, scripts, { ...raw, logical: timing(11_000, 90_000) }];
    expect(medianMeasurement(rounds)).toEqual({
      databaseBytes: 1e9,
      logical: { backupMs: 11_000, restoreMs: 27_000, backupBytes: 1, restoredOrders: 1 },
      physical: { backupMs: 5_000, restoreMs: 2_000, startMs: 900, backupBytes: 1, restoredOrders: 1 },
    });
    expect(medianMeasurement([scripts, raw]).logical.restoreMs).toBe(20_000);
  });

  it('keeps the physical round trip only when every round had one, and refuses no rounds', () => {
    const { physical: _, ...logicalOnly } = raw;
    expect(medianMeasurement([raw, logicalOnly]).physical).toBeUndefined();
    expect(() => medianMeasurement([])).toThrow('medianMeasurement: no rounds were measured');
  });
});
