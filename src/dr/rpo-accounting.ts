/**
 * The recovery point, accounted order by order. A backup is taken at some
 * moment inside its step (pg_dump's snapshot: when it connects); every order
 * the system acknowledged before the step started must be back after the
 * restore, and every order whose request was sent after the step ended must be
 * missing (it cannot be in that backup: one that is back was not restored from
 * it, or was never lost). Orders in flight while the backup ran may go either
 * way. Orders the restored system acknowledged (the flow goes on through
 * the outage) must be back like the first. Pure: the caller reads what came back.
 *
 *   sent ──ack        before  (ack < from)                     must be back    missing = lost beyond the promise
 *        from ── to   during  (the rest)                       either way      counted
 *   sent ──ack        after   (sent > to, ack before the loss) must be missing present = not restored from this point
 *   ── loss ── restore ──
 *   sent ──ack        restored (ack after the loss)            must be back    missing = lost beyond the promise
 */
import type { RpoMeasurement } from '../scenario/scenario.ts';

/** An acknowledged order on the wall clock (ms since the epoch). */
export interface AcknowledgedAt {
  readonly clientOrderId: string;
  readonly sentAt: number;
  readonly at: number;
}

/** Where the restore's data ends: a moment inside [from, to] (wall clock, ms), by what the strategy promises. */
export interface RecoveryPoint {
  /** `logical full backup (pg_dump)`. */
  readonly strategy: string;
  /** What it promises to give back: `every order acknowledged before the backup started`. */
  readonly promise: string;
  readonly from: number;
  readonly to: number;
}

export interface RpoAccount {
  /** The accounting; the caller adds what the projection scales from. */
  readonly measurement: Omit<RpoMeasurement, 'strategy' | 'databaseBytes' | 'backupMs' | 'restoreMs'>;
  /** The strategy as the point names it: `logical full backup (pg_dump -Fc)`. */
  readonly strategy: string;
  /** Acknowledged before the recovery point and missing: data loss beyond what the strategy allows. */
  readonly lostBeyondPromise: number;
  /** Sentences naming what does not add up; empty when the accounting is exact. */
  readonly problems: readonly string[];
}

export function accountRecoveryPoint(
  orders: readonly AcknowledgedAt[],
  isBack: (clientOrderId: string) => boolean,
  point: RecoveryPoint,
  lostAt: number,
): RpoAccount {
  const count = (list: readonly AcknowledgedAt[]) => ({
    acknowledged: list.length,
    missing: list.filter((order) => !isBack(order.clientOrderId)).length,
  });
  const beforeLoss = orders.filter((order) => order.at < lostAt);
  const beforeOrders = beforeLoss.filter((order) => order.at < point.from);
  const afterOrders = beforeLoss.filter((order) => order.at >= point.from && order.sentAt > point.to);
  const duringOrders = beforeLoss.filter((order) => order.at >= point.from && order.sentAt <= point.to);
  const before = count(beforeOrders);
  const during = count(duringOrders);
  const after = count(afterOrders);
  const restored = count(orders.filter((order) => order.at >= lostAt));
  const problems: string[] = [];
  if (before.missing > 0)
    problems.push(
      `${before.missing} of ${before.acknowledged} orders acknowledged before the recovery point (${iso(point.from)}) are missing after the restore: ${point.strategy} promises ${point.promise}`,
    );
  const backAfter = after.acknowledged - after.missing;
  if (backAfter > 0)
    problems.push(
      `${backAfter} of ${after.acknowledged} orders sent after the recovery point (${iso(point.to)}) and before the loss are back after the restore: ` +
        'they cannot be in that backup, so the data was not restored from it, or was never lost',
    );
  if (restored.missing > 0)
    problems.push(`${restored.missing} of ${restored.acknowledged} orders the restored system acknowledged are missing`);
  return {
    strategy: point.strategy,
    measurement: {
      promise: point.promise,
      before,
      during,
      after,
      restored,
      rpoMs: Math.max(0, Math.round(lostAt - point.from)),
    },
    lostBeyondPromise: before.missing + restored.missing,
    problems,
  };
}

/** One line for the integrity detail: `412 acknowledged before …: all back; 9 during: 3 missing; 120 after (the loss window): all missing, as promised`. */
export function describeAccount({ measurement: m, strategy }: RpoAccount): string {
  const part = (what: string, c: { acknowledged: number; missing: number }, expected: string) =>
    `${c.acknowledged} ${what}: ${c.missing} missing${expected}`;
  const after = m.after.missing === m.after.acknowledged ? ' (all lost, as the strategy allows)' : '';
  const parts = [
    part('acknowledged before the recovery point', m.before, m.before.missing === 0 ? ' (all back)' : ''),
    part('in flight while it was taken', m.during, ''),
    part('sent after it, before the loss (the loss window)', m.after, after),
    part('acknowledged by the restored system', m.restored, m.restored.missing === 0 ? ' (all there)' : ''),
    `recovery point ${m.rpoMs} ms before the loss (${strategy})`,
  ];
  return parts.join('; ');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
