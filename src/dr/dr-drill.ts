/**
 * `npm run drill:dr`: one local environment, seeded to a size, then the same
 * database backed up and restored by the raw commands and by the operators'
 * scripts, compared (overhead ≤ 1.3×), projected to production sizes (RTO
 * against 30 minutes) and the dominating step named.
 *
 *   provision ─> seed (--data-size) ─> orders/fills check ─> raw round trips ─> scripts' round trips
 *        └─ fixed part of the RTO          (measure-raw-…)      (measure-ops-…) ─> overhead, projection, dominant step
 *
 * The projection uses the scripts' timings (what a recovery by the runbook
 * runs) and, for its fixed part, this drill's provisioning of a clean
 * environment with services started; the runbook's DR verification steps are
 * not in it yet (the dr-restore scenario has them). The physical strategy's
 * "WAL replay" is the WAL streamed into the base backup, replayed at start;
 * a WAL archive's replay is not measured here.
 */
import { join } from 'node:path';
import pg from 'pg';
import type { Environment } from '../runtime/runtime.ts';
import { localRuntime } from '../runtime/local/local-runtime.ts';
import { postgresConnection } from '../runtime/postgres-connection.ts';
import { type BackupRestoreMeasurement, type MeasureOptions, medianMeasurement } from './backup-restore-measurement.ts';
import { formatBytes } from './data-size.ts';
import { formatDuration } from './format-duration.ts';
import { formatRtoProjection } from './format-rto-projection.ts';
import { measureOpsBackupRestore } from './measure-ops-backup-restore.ts';
import { measureRawBackupRestore } from './measure-raw-backup-restore.ts';
import { formatOverhead, formatRoundRatios, medianRoundOverhead, type Overhead } from './overhead.ts';
import { type MeasuredStrategy, projectRto, type RtoProjection } from './rto-projection.ts';
import { ordersAndFillsProblems } from './seed-consistency.ts';
import { formatSeedProgress, type SeedResult, seedDatabase } from './seed-database.ts';
import { slowestCommands } from './script-trace.ts';
import { describeStepDurations, type StepTiming } from './step-durations.ts';

export interface DrDrillOptions {
  readonly dataSizeBytes: number;
  /** Also the base-backup round trips (pg_basebackup); default true. */
  readonly physical?: boolean;
  readonly sizesBytes?: readonly number[];
  /** Round trips each way, alternating which goes first; each strategy's median round by ratio is judged. Default 1. */
  readonly rounds?: number;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

export interface DrDrillResult {
  readonly provisionMs: number;
  readonly seed: SeedResult;
  readonly raw: BackupRestoreMeasurement;
  readonly scripts: BackupRestoreMeasurement;
  readonly overhead: readonly Overhead[];
  readonly projection: RtoProjection;
  /** Per strategy, the DR's steps by the scripts and the sentence naming the dominating one. */
  readonly steps: readonly { strategy: string; timings: readonly StepTiming[]; sentence: string }[];
}

export async function runDrDrill(options: DrDrillOptions): Promise<DrDrillResult> {
  const { log, signal } = options;
  const provisioning = performance.now();
  const env = await localRuntime.provision(signal);
  const provisionMs = performance.now() - provisioning;
  try {
    log(`provisioned a local environment in ${Math.round(provisionMs)} ms`);
    const seed = await seedAndCheck(env, options);
    const rounds = await measureBothWays(env, seed, options);
    const [raw, scripts] = [medianMeasurement(rounds.raw), medianMeasurement(rounds.scripts)];
    return report({ provisionMs, seed, raw, scripts }, rounds, options);
  } finally {
    await env[Symbol.asyncDispose]();
  }
}

/**
 * The raw commands' and the scripts' round trips, `rounds` times, alternating which side goes first (the first
 * reads a colder cache), each round kept: the caller judges each strategy's median round by ratio, and projects the
 * RTO from each field's median.
 */
async function measureBothWays(env: Environment, seed: SeedResult, options: DrDrillOptions) {
  const dir = join(env.variables().FIREDRILL_SANDBOX!, 'dr-drill');
  const sides = [
    ['raw commands', measureRawBackupRestore],
    ["operators' scripts", measureOpsBackupRestore],
  ] as const;
  const measured: Record<(typeof sides)[number][0], BackupRestoreMeasurement[]> = { 'raw commands': [], "operators' scripts": [] };
  const rounds = options.rounds ?? 1;
  for (let round = 1; round <= rounds; round++) {
    for (const [who, measure] of round % 2 === 1 ? sides : [...sides].reverse()) {
      options.signal.throwIfAborted();
      const { logical, physical } = commands[who];
      options.log(`round ${round}/${rounds}: ${who}: ${logical}${options.physical === false ? '' : `, ${physical}`}…`);
      const one = restoredAll(who, await measure(env, dir, { ...options, onScriptTrace: scriptTraceLogger(dir, options.log) }), seed);
      options.log(`  ${roundLine(one)}`);
      measured[who].push(one);
    }
  }
  return { raw: measured['raw commands'], scripts: measured["operators' scripts"] };
}

/** Logs which commands took an operators' script's time: `backup-postgres-base.sh 29 s: pg_basebackup … took 5.1 s of 12 s: 40 %…; then rm -rf … 2.7 s, …`. */
function scriptTraceLogger(dir: string, log: (line: string) => void): NonNullable<MeasureOptions['onScriptTrace']> {
  return (script, durationMs, commands) => {
    const short = commands.map((c) => ({ id: c.id.replaceAll(dir, '…'), durationMs: c.durationMs }));
    const [, ...next] = slowestCommands(short, 3, 70);
    const then = next.map((c) => `${c.id} ${formatDuration(c.durationMs)}`).join(', ');
    log(
      `    ${script} ${formatDuration(durationMs)}: ${describeStepDurations(slowestCommands(short, short.length, 70))}${then ? `; then ${then}` : ''}`,
    );
  };
}

/** `logical: backup 4.3 s, restore 11 s; physical: backup 1.3 s, restore 2.9 s, start 0.9 s` */
function roundLine(m: BackupRestoreMeasurement): string {
  const logical = `logical: backup ${formatDuration(m.logical.backupMs)}, restore ${formatDuration(m.logical.restoreMs)}`;
  const p = m.physical;
  return p
    ? `${logical}; physical: backup ${formatDuration(p.backupMs)}, restore ${formatDuration(p.restoreMs)}, start ${formatDuration(p.startMs)}`
    : logical;
}

const commands = {
  'raw commands': {
    logical: 'pg_dump -Fc, pg_restore --single-transaction (as restore-postgres.sh: no -j)',
    physical: 'pg_basebackup --checkpoint=fast, tar -x, start',
  },
  "operators' scripts": {
    logical: 'backup-postgres.sh, restore-postgres.sh',
    physical: 'backup-postgres-base.sh, restore-postgres-base.sh, start',
  },
} as const;

async function seedAndCheck(env: Environment, options: DrDrillOptions): Promise<SeedResult> {
  const connection = postgresConnection(env.variables(), 'app', 'firedrill-drill-dr');
  let printedAt = 0;
  const seed = await seedDatabase(connection, {
    targetBytes: options.dataSizeBytes,
    signal: options.signal,
    onProgress: (p) => {
      if (p.elapsedMs - printedAt < 2000 && p.bytes < p.targetBytes) return;
      printedAt = p.elapsedMs;
      options.log(formatSeedProgress(p));
    },
  });
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const problems = await ordersAndFillsProblems(client);
    if (problems.length) throw new Error(`After seeding, orders and fills are inconsistent: ${problems.join('; ')}`);
  } finally {
    await client.end();
  }
  return seed;
}

/** A restore that brought back fewer orders than were seeded restored nothing worth timing. */
function restoredAll(who: string, measured: BackupRestoreMeasurement, seed: SeedResult): BackupRestoreMeasurement {
  for (const [strategy, timing] of [
    ['logical', measured.logical],
    ['physical', measured.physical],
  ] as const) {
    if (timing && timing.restoredOrders < seed.orders) {
      throw new Error(`${who}: the ${strategy} restore holds ${timing.restoredOrders} orders, fewer than the ${seed.orders} seeded`);
    }
  }
  return measured;
}

function report(
  measured: Pick<DrDrillResult, 'provisionMs' | 'seed' | 'raw' | 'scripts'>,
  rounds: { raw: readonly BackupRestoreMeasurement[]; scripts: readonly BackupRestoreMeasurement[] },
  options: DrDrillOptions,
): DrDrillResult {
  const { provisionMs, raw, scripts } = measured;
  const overhead = medianRoundOverhead(rounds.raw, rounds.scripts);
  const measuredBy = (strategy: MeasuredStrategy['strategy'], backupMs: number, restoreMs: number): MeasuredStrategy => ({
    strategy,
    databaseBytes: scripts.databaseBytes,
    backupMs,
    restoreMs,
    fixedMs: provisionMs,
  });
  const strategies = [measuredBy('logical', scripts.logical.backupMs, scripts.logical.restoreMs)];
  if (scripts.physical)
    strategies.push(measuredBy('physical+wal', scripts.physical.backupMs, scripts.physical.restoreMs + scripts.physical.startMs));
  const projection = projectRto(strategies, options.sizesBytes ? { sizesBytes: options.sizesBytes } : {});
  const steps = drSteps(measured);
  options.log(
    `\nthe same database, ${formatBytes(raw.databaseBytes)} (pg_database_size), backed up and restored both ways${rounds.raw.length > 1 ? ` (per strategy, its median round of ${rounds.raw.length} by the ratio)` : ''}:`,
  );
  options.log(formatOverhead(overhead, raw.databaseBytes));
  if (rounds.raw.length > 1) options.log(formatRoundRatios(rounds.raw, rounds.scripts));
  options.log(`\n${formatRtoProjection(projection)}`);
  for (const s of steps)
    options.log(
      `\n${s.strategy} DR by the scripts: ${s.timings.map((t) => `${t.id} ${Math.round(t.durationMs)} ms`).join(', ')}\n  ${s.sentence}`,
    );
  return { ...measured, overhead, projection, steps };
}

function drSteps({ provisionMs, scripts }: Pick<DrDrillResult, 'provisionMs' | 'scripts'>): DrDrillResult['steps'] {
  const provision = { id: 'provision a clean environment', durationMs: provisionMs };
  const logical = [provision, { id: 'restore-postgres.sh', durationMs: scripts.logical.restoreMs }];
  const all = [{ strategy: 'logical', timings: [{ id: 'backup-postgres.sh', durationMs: scripts.logical.backupMs }, ...logical] }];
  if (scripts.physical) {
    const p = scripts.physical;
    all.push({
      strategy: 'physical',
      timings: [
        { id: 'backup-postgres-base.sh', durationMs: p.backupMs },
        provision,
        { id: 'restore-postgres-base.sh', durationMs: p.restoreMs },
        { id: 'PostgreSQL start (sync, WAL replay)', durationMs: p.startMs },
      ],
    });
  }
  return all.map((s) => ({ ...s, sentence: describeStepDurations(s.timings) }));
}
