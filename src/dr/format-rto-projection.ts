/**
 * The RTO projection as the terminal shows it: one line per strategy with what
 * was measured and where its targets stop holding, then a table of the
 * projected sizes, one column pair (RTO, backup) per strategy.
 *
 *   logical: measured on 1.02 GB: restore 46.2 MB/s, backup 60.1 MB/s, fixed part 12 s; …
 *   ┌────────┬──────────────────────┬────────────────────┐
 *   │ size   │ logical RTO          │ logical backup     │
 *   │ 10 GB  │ 3.8 min: holds       │ 2.8 min: fits 1 h  │
 */
import Table from 'cli-table3';
import { formatBytes, formatThroughput } from './data-size.ts';
import { formatDuration } from './format-duration.ts';
import type { RtoProjection, StrategyProjection } from './rto-projection.ts';

export function formatRtoProjection(projection: RtoProjection): string {
  const target = formatDuration(projection.targetMs);
  const interval = formatDuration(projection.backupIntervalMs);
  const table = new Table({
    head: ['size', ...projection.strategies.flatMap((s) => [`${s.measured.strategy} RTO`, `${s.measured.strategy} backup`])],
    style: { head: [], border: [] },
  });
  projection.sizesBytes.forEach((bytes, index) => {
    const cells = projection.strategies.flatMap((s) => {
      const size = s.sizes[index]!;
      return [
        size.rtoMs === undefined ? 'not projected' : `${formatDuration(size.rtoMs)}: ${size.rtoHolds ? 'holds' : `OVER ${target}`}`,
        size.backupMs === undefined
          ? 'not projected'
          : `${formatDuration(size.backupMs)}: ${size.backupFitsInterval ? `fits ${interval}` : `OVER ${interval}`}`,
      ];
    });
    table.push([formatBytes(bytes), ...cells]);
  });
  const lines = projection.strategies.map((s) => summary(s, target, interval));
  return [`RTO projection (target ${target}; Postgres backed up every ${interval}; linear in size):`, ...lines, table.toString()].join(
    '\n',
  );
}

function summary(s: StrategyProjection, target: string, interval: string): string {
  const m = s.measured;
  const restore = s.restore.projectable
    ? `restore ${formatThroughput(s.restore.bytesPerSecond)}`
    : `restore not projected: ${s.restore.reason}`;
  const backup = s.backup.projectable ? `backup ${formatThroughput(s.backup.bytesPerSecond)}` : `backup not projected: ${s.backup.reason}`;
  const breakEven = [
    s.rtoBreakEvenBytes === undefined
      ? undefined
      : s.rtoBreakEvenBytes === 0
        ? `the fixed part alone misses ${target}`
        : `RTO ≤ ${target} up to ${formatBytes(s.rtoBreakEvenBytes)}`,
    s.backupBreakEvenBytes === undefined ? undefined : `backup within ${interval} up to ${formatBytes(s.backupBreakEvenBytes)}`,
  ].filter((part) => part !== undefined);
  return `  ${m.strategy}: measured on ${formatBytes(m.databaseBytes)} (backup ${formatDuration(m.backupMs)}, restore ${formatDuration(m.restoreMs)}, fixed part ${formatDuration(m.fixedMs)}): ${restore}, ${backup}${breakEven.length ? `; ${breakEven.join('; ')}` : ''}`;
}
