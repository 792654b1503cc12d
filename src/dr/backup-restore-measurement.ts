/**
 * What one backup-and-restore round trip measured, the same shape whether the
 * raw commands ran (measure-raw-backup-restore.ts) or the operators' scripts
 * as the runbook runs them (measure-ops-backup-restore.ts), so that the two
 * compare field by field. Durations in milliseconds, from spawn to exit.
 *
 * And the pieces both use: the database's size, a new empty database to
 * restore a dump into (dropped afterwards), the rows a restore brought back.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import type { Environment } from '../runtime/runtime.ts';
import { startRestoredPostgres } from './start-restored-postgres.ts';
import type { StepTiming } from './step-durations.ts';
import { asPostgresAdmin, type CommandRunner, commandRunner, type TimedCommand } from './timed-command.ts';
import { archiverBacklogQuery, waitForArchiver } from './wal-archiver-backlog.ts';

export interface BackupRestoreTiming {
  readonly backupMs: number;
  /** The part of the restore that scales with data: pg_restore; for a base backup, unpacking it. */
  readonly restoreMs: number;
  readonly backupBytes: number;
  /** orders in the restored database: a restore that brought nothing back is not timed as one. */
  readonly restoredOrders: number;
}

export interface PhysicalTiming extends BackupRestoreTiming {
  /** PostgreSQL started on the restored directory until it accepts connections: its sync of the directory and the WAL replay. */
  readonly startMs: number;
}

export interface BackupRestoreMeasurement {
  /** pg_database_size just before the backups. */
  readonly databaseBytes: number;
  readonly logical: BackupRestoreTiming;
  readonly physical?: PhysicalTiming;
}

export interface MeasureOptions {
  /** Also a base backup (pg_basebackup) restored and started; default true. */
  readonly physical?: boolean;
  /** Given, each operator's script runs traced (script-trace.ts) and this hears which of its commands took the time. */
  readonly onScriptTrace?: (script: string, durationMs: number, commands: StepTiming[]) => void;
  /** Told of a long wait for the WAL archiver before a timed command. */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** How one side (raw commands, scripts) takes each round trip; files under `dir`, removed once timed. */
export interface RoundTrips {
  logical(run: CommandRunner, variables: Record<string, string>, dir: string, options: MeasureOptions): Promise<BackupRestoreTiming>;
  physical(run: CommandRunner, variables: Record<string, string>, dir: string, options: MeasureOptions): Promise<PhysicalTiming>;
}

export async function measureRoundTrips(
  env: Environment,
  dir: string,
  options: MeasureOptions,
  trips: RoundTrips,
): Promise<BackupRestoreMeasurement> {
  const variables = env.variables();
  const run = settledRunner(commandRunner(variables, options.signal), variables, options);
  await mkdir(dir, { recursive: true });
  const bytes = await databaseBytes(run);
  const logical = await trips.logical(run, variables, dir, options);
  const physical = options.physical === false ? undefined : await trips.physical(run, variables, dir, options);
  return { databaseBytes: bytes, logical, ...(physical ? { physical } : {}) };
}

/**
 * Runs each command on a settled machine: PostgreSQL's dirty buffers written (CHECKPOINT), its WAL archiver
 * caught up (wal-archiver-backlog.ts) and the kernel's dirty pages (sync) first, untimed, so that no command is
 * timed writing back or archiving what the one before it wrote (a gigabyte restored leaves seconds of writeback
 * and minutes of WAL to archive, which slowed whichever tar or pg_basebackup came next), and the raw commands
 * and the scripts start from the same state.
 */
function settledRunner(run: CommandRunner, variables: Record<string, string>, options: MeasureOptions): CommandRunner {
  const admin = asPostgresAdmin(variables);
  const backlog = async () => Number((await run('psql', ['-X', '-w', '-At', '-c', archiverBacklogQuery], admin)).stdout);
  return async (file, args, overrides) => {
    await run('psql', ['-X', '-w', '-q', '-c', 'CHECKPOINT'], admin);
    await waitForArchiver(backlog, { log: options.log, signal: options.signal });
    await run('sync', []);
    return run(file, args, overrides);
  };
}

async function databaseBytes(run: CommandRunner): Promise<number> {
  return Number((await run('psql', ['-X', '-w', '-At', '-c', 'SELECT pg_database_size(current_database())'])).stdout);
}

export async function countOrders(run: CommandRunner, overrides: Record<string, string>): Promise<number> {
  return Number((await run('psql', ['-X', '-w', '-At', '-c', 'SELECT count(*) FROM orders'], overrides)).stdout);
}

/** Creates an empty database owned by the app's role, hands its name to `use`, and drops it after (its disk is freed for the next step). */
async function withEmptyDatabase<T>(run: CommandRunner, variables: Record<string, string>, use: (name: string) => Promise<T>): Promise<T> {
  const name = `dr_restored_${randomBytes(3).toString('hex')}`;
  const admin = asPostgresAdmin(variables);
  await run('psql', ['-X', '-w', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name} OWNER "${variables.PGUSER}"`], admin);
  const drop = () => run('psql', ['-X', '-w', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], admin);
  let result: T;
  try {
    result = await use(name);
  } catch (error) {
    await drop().catch(() => {}); // the first error is the one to see
    throw error;
  }
  await drop();
  return result;
}

export async function fileBytes(...paths: string[]): Promise<number> {
  let bytes = 0;
  for (const path of paths) bytes += (await stat(path)).size;
  return bytes;
}

/** Starts PostgreSQL on a restored data directory (timing its sync and WAL replay), counts its orders and stops it. */
export async function physicalTiming(
  run: CommandRunner,
  variables: Record<string, string>,
  pgdata: string,
  timing: Omit<PhysicalTiming, 'startMs' | 'restoredOrders'>,
): Promise<PhysicalTiming> {
  const restored = await startRestoredPostgres(pgdata);
  try {
    const restoredOrders = await countOrders(run, { ...asPostgresAdmin(variables), PGPORT: String(restored.port) });
    return { ...timing, startMs: restored.startMs, restoredOrders };
  } finally {
    await restored.stop();
  }
}

/** Restores `dump` (backed up by `backup`) into a new empty database with `restore`, counts its orders, and drops it. */
export async function logicalTiming(
  run: CommandRunner,
  variables: Record<string, string>,
  backup: TimedCommand,
  dump: string,
  restore: (database: string) => Promise<TimedCommand>,
): Promise<BackupRestoreTiming> {
  return withEmptyDatabase(run, variables, async (database) => {
    const restored = await restore(database);
    const restoredOrders = await countOrders(run, { PGDATABASE: database });
    return { backupMs: backup.durationMs, restoreMs: restored.durationMs, backupBytes: await fileBytes(dump), restoredOrders };
  });
}

/** Field by field, the median of several measurements of the same round trips (the lower middle of an even count); the physical one only if every round had it. */
export function medianMeasurement(rounds: readonly BackupRestoreMeasurement[]): BackupRestoreMeasurement {
  if (rounds.length === 0) throw new Error('medianMeasurement: no rounds were measured');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  const of = <T extends object>(items: T[]): T =>
    Object.fromEntries(Object.keys(items[0]!).map((key) => [key, median(items.map((item) => item[key as keyof T] as number))])) as T;
  const physical = rounds.every((r) => r.physical) ? of(rounds.map((r) => r.physical!)) : undefined;
  return {
    databaseBytes: median(rounds.map((r) => r.databaseBytes)),
    logical: of(rounds.map((r) => r.logical)),
    ...(physical ? { physical } : {}),
  };
}
