/**
 * The integrity check of a disaster-recovery drill, after the restore:
 *
 *   recovery point   every acknowledged order accounted for against the backup's moment (rpo-accounting.ts)
 *   filled           every order that came back is filled by the restored system within the drain
 *   duplicates       none filled twice, none sent twice to the exchange
 *   tables           every table's rows written before the backup: same count, same values (table-digests.ts)
 *
 * The source's digests are read just before the loss (the total-loss fault's
 * beforeLoss hook: `capture`), and the loss is timed once it is complete (its
 * afterLoss hook: `lost`), kept per environment until the check reads them.
 */
import { waitUntil } from '../clock/wait-until.ts';
import { readBackAll } from '../probes/order-integrity.ts';
import type { Environment } from '../runtime/runtime.ts';
import type { Integrity, IntegrityContext } from '../scenario/scenario.ts';
import { accountRecoveryPoint, describeAccount } from './rpo-accounting.ts';
import type { BackupStrategy } from './rto-projection.ts';
import { compareDigests, type DatabaseDigest, digestDatabase, type TableChecks } from './table-digests.ts';

export interface RestoreIntegrityOptions {
  /** The preparation step whose run is the recovery point: `backup.postgres`. */
  readonly backupStep: string;
  /** The remediation step that restores the database: `dr.restore-postgres` (its duration is what grows with the data). */
  readonly restoreStep: string;
  /** How the database is backed up, and what that promises to give back. */
  readonly strategy: BackupStrategy;
  readonly promise: string;
  readonly tables: TableChecks;
  /** How long the orders that came back may take to be filled by the restored system. */
  readonly drainMs: number;
}

const strategyNames: Record<BackupStrategy, string> = {
  logical: 'logical full backup (pg_dump -Fc)',
  'physical+wal': 'base backup and WAL archive (pg_basebackup, archive_command)',
};

/** Rows written this close before the backup started are left out of the table comparison: their transactions may commit after its snapshot. */
const COMMIT_MARGIN_MS = 1000;

export interface RestoreIntegrity {
  /** For totalLoss({ beforeLoss }): reads the source's digests right before the loss. */
  capture(env: Environment): Promise<void>;
  /** For totalLoss({ afterLoss }): the loss is complete; orders acknowledged until now were acknowledged by the lost system. */
  lost(env: Environment): void;
  check(context: IntegrityContext): Promise<Integrity>;
}

export function restoreIntegrity(options: RestoreIntegrityOptions): RestoreIntegrity {
  const sources = new Map<string, { digest: DatabaseDigest; lostAt?: number }>();
  return {
    async capture(env) {
      sources.set(env.id, { digest: await digestDatabase(env.variables(), options.tables) });
    },
    lost(env) {
      const source = sources.get(env.id);
      if (source) source.lostAt = Date.now();
    },
    async check(context) {
      const source = sources.get(context.env.id);
      sources.delete(context.env.id);
      const backup = context.transcripts.find((t) => t.stepId === options.backupStep && !t.skipped);
      if (source?.lostAt === undefined || !backup?.startedAt) {
        const missing = !source
          ? 'the source was not read before the loss'
          : !backup?.startedAt
            ? `step "${options.backupStep}" did not run`
            : 'the loss was not timed';
        return { lost: 0, duplicated: 0, detail: `not checked: ${missing}`, problems: [`restore integrity not checked: ${missing}`] };
      }
      const from = Date.parse(backup.startedAt);
      const point = { strategy: strategyNames[options.strategy], promise: options.promise, from, to: from + backup.durationMs };
      const { orderFlow, signal } = context;
      const toWall = orderFlow.now() - Date.now();
      const orders = orderFlow.acknowledgedOrders().map((o) => ({ ...o, sentAt: o.sentAt - toWall, at: o.at - toWall }));
      const readBack = () =>
        readBackAll(
          orderFlow.workload,
          orders.map((o) => o.clientOrderId),
          signal,
        );
      const first = await readBack();
      const back = new Set(first.filter((o) => o.persisted).map((o) => o.clientOrderId));
      const account = accountRecoveryPoint(orders, (id) => back.has(id), point, source.lostAt);
      const drained = await waitUntil(
        async () => {
          const now = await readBack();
          return now.every((o) => !o.persisted || o.fills > 0) && now;
        },
        { what: 'every restored order filled', timeoutMs: options.drainMs, intervalMs: 250, signal },
      ).catch(() => readBack());
      const unfilled = drained.filter((o) => o.persisted && o.fills === 0).length;
      const filledTwice = drained.filter((o) => o.fills > 1).length;
      const resent = (await orderFlow.workload.downstream?.duplicateSubmissions(signal)) ?? 0;
      const restored = await digestDatabase(context.env.variables(), options.tables);
      const tables = compareDigests(source.digest, restored, options.tables, from - COMMIT_MARGIN_MS);
      const detail = [
        describeAccount(account),
        `${unfilled} of the ${back.size} orders back not filled within ${options.drainMs} ms, ${filledTwice} filled twice, ${resent} sent twice`,
        ...tables.map((t) => t.detail),
      ].join('; ');
      return {
        lost: account.lostBeyondPromise + unfilled,
        duplicated: filledTwice + resent,
        detail,
        problems: [...account.problems, ...tables.filter((t) => !t.ok).map((t) => `restored data differs from the source: ${t.detail}`)],
        rpo: {
          ...account.measurement,
          strategy: options.strategy,
          databaseBytes: source.digest.databaseBytes,
          backupMs: backup.durationMs,
          restoreMs: context.transcripts.find((t) => t.stepId === options.restoreStep)?.durationMs ?? 0,
        },
      };
    },
  };
}
