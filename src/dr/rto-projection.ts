/**
 * RTO projection: from one measured disaster-recovery run per backup strategy,
 * what recovery would take on a production-sized database, against the
 * runbook's 30-minute RTO, and whether a backup still fits its interval
 * (Postgres is backed up hourly: a backup longer than that breaks the RPO).
 *
 * The model, per strategy (`logical`: pg_dump -Fc / pg_restore; `physical+wal`:
 * pg_basebackup + WAL archive replay), for a database of S bytes, measured on
 * one of M bytes:
 *
 *   restore(S) = restoreMs × S / M        the part that scales with data (pg_restore; unpack + WAL replay)
 *   RTO(S)     = fixedMs + restore(S)     fixedMs: clean hosts provisioned, services started, verification steps
 *   backup(S)  = backupMs × S / M
 *   RTO break-even     = (targetMs − fixedMs) × M / restoreMs   the largest S whose RTO holds (0: the fixed part alone misses it)
 *   backup break-even  = backupIntervalMs × M / backupMs       the largest S whose backup fits its interval
 *
 * Linear in S, at the measured throughput: index builds (n log n), a cache that
 * held the small database and not the large one, and -j parallelism all bend
 * it, so read it as "where 30 minutes stops holding", not a promise.
 *
 * Too small to project: a step measured on a tiny database times mostly what
 * does not scale (starting pg_restore, connecting, creating the schema), so its
 * throughput comes out far too low and every projection absurdly high. Below
 * `minMeasuredBytes` (50 MB) of data, or a scaling step under `minScalingMs`
 * (1 s, zero included), that projection is refused with the reason
 * ("measured on 8.1 MB: too small to project") instead of extrapolated; the
 * backup and the restore are judged separately, so one may be projected
 * without the other. A zero or negative size is refused the same way.
 */
import { formatBytes } from './data-size.ts';
import { formatDuration } from './format-duration.ts';

export type BackupStrategy = 'logical' | 'physical+wal';

/** One measured DR run of one strategy; every duration in milliseconds. */
export interface MeasuredStrategy {
  readonly strategy: BackupStrategy;
  /** pg_database_size of the database backed up. */
  readonly databaseBytes: number;
  readonly backupMs: number;
  /** The part of the restore that scales with data. */
  readonly restoreMs: number;
  /** The part that does not: provisioning clean hosts, starting services, verification steps. */
  readonly fixedMs: number;
}

export interface ProjectionOptions {
  readonly sizesBytes?: readonly number[];
  readonly targetMs?: number;
  readonly backupIntervalMs?: number;
  readonly minMeasuredBytes?: number;
  readonly minScalingMs?: number;
}

/** A measured throughput, or why none can be projected from the measurement. */
export type ScalingRate =
  | { readonly projectable: true; readonly bytesPerSecond: number }
  | { readonly projectable: false; readonly reason: string };

export interface ProjectedSize {
  readonly bytes: number;
  /** Absent when the restore cannot be projected. */
  readonly rtoMs?: number;
  readonly rtoHolds?: boolean;
  /** Absent when the backup cannot be projected. */
  readonly backupMs?: number;
  readonly backupFitsInterval?: boolean;
}

export interface StrategyProjection {
  readonly measured: MeasuredStrategy;
  readonly restore: ScalingRate;
  readonly backup: ScalingRate;
  /** The largest size whose projected RTO holds (0 when the fixed part alone misses the target); absent when the restore cannot be projected. */
  readonly rtoBreakEvenBytes?: number;
  /** The largest size whose backup fits the interval; absent when the backup cannot be projected. */
  readonly backupBreakEvenBytes?: number;
  readonly sizes: readonly ProjectedSize[];
}

/** The plain data the evidence records. */
export interface RtoProjection {
  readonly targetMs: number;
  readonly backupIntervalMs: number;
  readonly sizesBytes: readonly number[];
  readonly strategies: readonly StrategyProjection[];
}

export const productionSizesBytes = [10e9, 100e9, 1e12] as const;
export const rtoTargetMs = 30 * 60_000;
/** RUNBOOK.md: "Postgres is backed up every hour". */
export const postgresBackupIntervalMs = 60 * 60_000;

export function projectRto(measured: readonly MeasuredStrategy[], options: ProjectionOptions = {}): RtoProjection {
  const settings = {
    sizesBytes: options.sizesBytes ?? productionSizesBytes,
    targetMs: options.targetMs ?? rtoTargetMs,
    backupIntervalMs: options.backupIntervalMs ?? postgresBackupIntervalMs,
    minMeasuredBytes: options.minMeasuredBytes ?? 50e6,
    minScalingMs: options.minScalingMs ?? 1000,
  };
  return {
    targetMs: settings.targetMs,
    backupIntervalMs: settings.backupIntervalMs,
    sizesBytes: settings.sizesBytes,
    strategies: measured.map((run) => projectStrategy(checked(run), settings)),
  };
}

type Settings = Required<{ [K in keyof ProjectionOptions]: NonNullable<ProjectionOptions[K]> }>;

function projectStrategy(measured: MeasuredStrategy, settings: Settings): StrategyProjection {
  const restore = scalingRate(measured, 'restore', measured.restoreMs, settings);
  const backup = scalingRate(measured, 'backup', measured.backupMs, settings);
  const restoreMs = (bytes: number) => (restore.projectable ? (bytes / restore.bytesPerSecond) * 1000 : undefined);
  const backupMs = (bytes: number) => (backup.projectable ? (bytes / backup.bytesPerSecond) * 1000 : undefined);
  const sizes = settings.sizesBytes.map((bytes): ProjectedSize => {
    const rtoMs = restore.projectable ? measured.fixedMs + restoreMs(bytes)! : undefined;
    const backupAt = backupMs(bytes);
    return {
      bytes,
      ...(rtoMs === undefined ? {} : { rtoMs, rtoHolds: rtoMs <= settings.targetMs }),
      ...(backupAt === undefined ? {} : { backupMs: backupAt, backupFitsInterval: backupAt <= settings.backupIntervalMs }),
    };
  });
  return {
    measured,
    restore,
    backup,
    ...(restore.projectable
      ? { rtoBreakEvenBytes: (Math.max(0, settings.targetMs - measured.fixedMs) / 1000) * restore.bytesPerSecond }
      : {}),
    ...(backup.projectable ? { backupBreakEvenBytes: (settings.backupIntervalMs / 1000) * backup.bytesPerSecond } : {}),
    sizes,
  };
}

function scalingRate(measured: MeasuredStrategy, step: 'backup' | 'restore', ms: number, settings: Settings): ScalingRate {
  const on = `measured on ${formatBytes(measured.databaseBytes)}`;
  if (measured.databaseBytes < settings.minMeasuredBytes) {
    return {
      projectable: false,
      reason: `${on}: too small to project (below ${formatBytes(settings.minMeasuredBytes)}, what does not scale dominates the ${step}); seed more data (--data-size)`,
    };
  }
  if (ms < settings.minScalingMs) {
    return {
      projectable: false,
      reason: `${on}: the ${step} took ${formatDuration(ms)}, too short to project (below ${formatDuration(settings.minScalingMs)}); seed more data (--data-size)`,
    };
  }
  return { projectable: true, bytesPerSecond: (measured.databaseBytes / ms) * 1000 };
}

function checked(run: MeasuredStrategy): MeasuredStrategy {
  for (const field of ['databaseBytes', 'backupMs', 'restoreMs', 'fixedMs'] as const) {
    if (!Number.isFinite(run[field]) || run[field] < 0) {
      throw new Error(`RTO projection of "${run.strategy}": ${field} is ${run[field]}, expected a finite number ≥ 0`);
    }
  }
  return run;
}
