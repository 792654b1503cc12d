/**
 * The drill's overhead over the raw commands (issue 15: at most 1.3×): the
 * operators' scripts' backup + restore time over the raw commands' on the same
 * run, per strategy, with each step's own ratio so that the script adding the
 * time shows. The physical restore counts the unpacking only: PostgreSQL's
 * start on the restored directory is the same server either way.
 *
 * The scripts' side counts everything they run, their checks included: the
 * checksum and pg_verifybackup a restore must pass before anything is put in
 * place are part of the restore the runbook runs, not overhead to leave out.
 *
 * Over several rounds the verdict is on each strategy's median round by ratio:
 * a round's raw commands and scripts ran minutes apart at most, on the same
 * cache and load, so its ratio pairs them. The medians of each side's times
 * taken apart do not: in session 21's five rounds they gave 1.26× where the
 * rounds' own ratios had a median of 1.42×.
 */
import Table from 'cli-table3';
import type { BackupRestoreMeasurement, BackupRestoreTiming } from './backup-restore-measurement.ts';
import { formatThroughput } from './data-size.ts';
import { formatDuration } from './format-duration.ts';

export const overheadTarget = 1.3;

export interface StepOverhead {
  readonly step: string;
  readonly rawMs: number;
  readonly scriptsMs: number;
}

export interface Overhead {
  readonly strategy: 'logical' | 'physical';
  /** With several rounds, which one this is (1-based): the median by ratio. */
  readonly round?: number;
  readonly rawMs: number;
  readonly scriptsMs: number;
  /** scriptsMs / rawMs; Infinity when the raw commands took no time. */
  readonly ratio: number;
  readonly holds: boolean;
  readonly steps: readonly StepOverhead[];
}

const stepNames = {
  logical: { backup: ['pg_dump -Fc', 'backup-postgres.sh'], restore: ['pg_restore --single-transaction', 'restore-postgres.sh'] },
  physical: { backup: ['pg_basebackup --checkpoint=fast', 'backup-postgres-base.sh'], restore: ['tar -x', 'restore-postgres-base.sh'] },
} as const;

export function compareOverhead(raw: BackupRestoreMeasurement, scripts: BackupRestoreMeasurement, target = overheadTarget): Overhead[] {
  const pairs: [Overhead['strategy'], BackupRestoreTiming, BackupRestoreTiming][] = [['logical', raw.logical, scripts.logical]];
  if (raw.physical && scripts.physical) pairs.push(['physical', raw.physical, scripts.physical]);
  return pairs.map(([strategy, r, s]) => overhead(strategy, r, s, target));
}

/**
 * Per strategy, the round whose ratio is the median of all rounds' (the lower middle of an even count), with its
 * number when there are several; a strategy some round lacks is left out.
 */
export function medianRoundOverhead(
  raw: readonly BackupRestoreMeasurement[],
  scripts: readonly BackupRestoreMeasurement[],
  target = overheadTarget,
): Overhead[] {
  const perRound = pairedRounds(raw, scripts, target);
  return strategiesInEvery(perRound).map((strategy) => {
    const byRatio = perRound
      .map((round, index) => ({ ...round.find((o) => o.strategy === strategy)!, ...(perRound.length > 1 ? { round: index + 1 } : {}) }))
      .sort((a, b) => a.ratio - b.ratio);
    return byRatio[Math.floor((byRatio.length - 1) / 2)]!;
  });
}

function pairedRounds(
  raw: readonly BackupRestoreMeasurement[],
  scripts: readonly BackupRestoreMeasurement[],
  target: number,
): Overhead[][] {
  if (raw.length === 0 || raw.length !== scripts.length)
    throw new Error(`${raw.length} raw rounds against ${scripts.length} of the scripts`);
  return raw.map((r, i) => compareOverhead(r, scripts[i]!, target));
}

const strategiesInEvery = (perRound: readonly Overhead[][]) =>
  (['logical', 'physical'] as const).filter((strategy) => perRound.every((round) => round.some((o) => o.strategy === strategy)));

function overhead(strategy: Overhead['strategy'], raw: BackupRestoreTiming, scripts: BackupRestoreTiming, target: number): Overhead {
  const names = stepNames[strategy];
  const steps = [
    { step: `backup: ${names.backup[0]} / ${names.backup[1]}`, rawMs: raw.backupMs, scriptsMs: scripts.backupMs },
    { step: `restore: ${names.restore[0]} / ${names.restore[1]}`, rawMs: raw.restoreMs, scriptsMs: scripts.restoreMs },
  ];
  const rawMs = raw.backupMs + raw.restoreMs;
  const scriptsMs = scripts.backupMs + scripts.restoreMs;
  const ratio = rawMs > 0 ? scriptsMs / rawMs : Number.POSITIVE_INFINITY;
  return { strategy, rawMs, scriptsMs, ratio, holds: ratio <= target, steps };
}

/** A table (step, raw, scripts, ratio, throughputs) and one verdict line per strategy. */
export function formatOverhead(overheads: readonly Overhead[], databaseBytes: number, target = overheadTarget): string {
  const table = new Table({
    head: ['step: raw command / script', 'raw', 'raw MB/s', 'scripts', 'scripts MB/s', 'ratio'],
    style: { head: [], border: [] },
  });
  const rate = (ms: number) => (ms > 0 ? formatThroughput((databaseBytes / ms) * 1000) : '-');
  for (const o of overheads) {
    const total = `${o.strategy}: backup + restore${o.round ? ` (round ${o.round})` : ''}`;
    for (const s of [...o.steps, { step: total, rawMs: o.rawMs, scriptsMs: o.scriptsMs }]) {
      table.push([s.step, formatDuration(s.rawMs), rate(s.rawMs), formatDuration(s.scriptsMs), rate(s.scriptsMs), ratioText(s)]);
    }
  }
  const verdicts = overheads.map(
    (o) =>
      `${o.strategy}: the scripts took ${ratioText(o)} the raw commands' time${o.round ? ` in its median round (round ${o.round})` : ''} (target ≤ ${target}×): ${o.holds ? 'holds' : 'MISSED'}`,
  );
  return [table.toString(), ...verdicts, countedNote].join('\n');
}

/**
 * With more than one round, each round's ratio per strategy (`per round: logical 1.02×, 1.11×; physical 2.02×,
 * 1.13×`): the verdict is on one round per strategy, the median one, and the others may be far from it.
 */
export function formatRoundRatios(raw: readonly BackupRestoreMeasurement[], scripts: readonly BackupRestoreMeasurement[]): string {
  const perRound = pairedRounds(raw, scripts, overheadTarget);
  const ratios = strategiesInEvery(perRound).map(
    (strategy) => `${strategy} ${perRound.map((round) => ratioText(round.find((o) => o.strategy === strategy)!)).join(', ')}`,
  );
  return `per round: ${ratios.join('; ')} (the verdict above is on the median round of each strategy)`;
}

const countedNote = [
  "the scripts' times count all their checks (checksums; pg_verifybackup before a base backup is put in place): the runbook's restore requires them",
  'every command, raw or script, started settled: CHECKPOINT, the WAL archiver caught up and sync before it, untimed',
].join('\n');

const ratioText = (s: { rawMs: number; scriptsMs: number }) => (s.rawMs > 0 ? `${(s.scriptsMs / s.rawMs).toFixed(2)}×` : '∞×');
