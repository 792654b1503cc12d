/**
 * What a disaster-recovery run adds to the end-of-run output, for each
 * scenario that restored from backups (its measured.rpo): the RTO against its
 * target, the recovery point and the loss window, each step's duration with
 * the one that dominates, and the RTO projected for production sizes from
 * this run's own backup and restore throughput (src/dr/rto-projection.ts).
 */
import { describeStepDurations } from '../dr/step-durations.ts';
import { formatDuration } from '../dr/format-duration.ts';
import { formatRtoProjection } from '../dr/format-rto-projection.ts';
import { projectRto } from '../dr/rto-projection.ts';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import type { RpoMeasurement } from '../scenario/scenario.ts';

/** The report, or undefined when no scenario of the run restored from backups. */
export function restoreReport(results: readonly ScenarioResult[]): string | undefined {
  const reports = results.flatMap((result) => {
    const rpo = result.measured.rpo;
    return rpo ? [restoreLines(result, rpo)] : [];
  });
  return reports.length === 0 ? undefined : reports.join('\n');
}

/** `RTO 40 s (target 2 min); recovery point 569 ms before the loss (physical+wal): 2 of the 2 orders of the loss window lost, …` */
export function recoveryPointLine(result: ScenarioResult, rpo: RpoMeasurement): string {
  const { rtoMs } = result.measured;
  const target = result.targets.rtoMs;
  const rto =
    rtoMs === null || rtoMs === undefined
      ? 'RTO not measured: not operational again'
      : `RTO ${formatDuration(rtoMs)}${target === undefined ? '' : ` (target ${formatDuration(target)})`}`;
  return (
    `${rto}; recovery point ${formatDuration(rpo.rpoMs)} before the loss (${rpo.strategy}): ` +
    `${rpo.after.missing} of the ${rpo.after.acknowledged} orders of the loss window lost, ${rpo.before.missing} of the ${rpo.before.acknowledged} before it`
  );
}

function restoreLines(result: ScenarioResult, rpo: RpoMeasurement): string {
  const { rtoMs } = result.measured;
  const ran = result.steps.filter((step) => !step.skipped);
  const lines = [
    `Disaster recovery (${result.id}): ${recoveryPointLine(result, rpo)}`,
    `  steps: ${ran.map((step) => `${step.stepId} ${formatDuration(step.durationMs)}`).join(', ')}`,
    `  ${describeStepDurations(ran.map((step) => ({ id: step.stepId, durationMs: step.durationMs })))}`,
  ];
  if (rtoMs === null || rtoMs === undefined) return lines.join('\n');
  const projection = projectRto([
    {
      strategy: rpo.strategy,
      databaseBytes: rpo.databaseBytes,
      backupMs: rpo.backupMs,
      restoreMs: rpo.restoreMs,
      fixedMs: Math.max(0, rtoMs - rpo.restoreMs),
    },
  ]);
  return [...lines, formatRtoProjection(projection)].join('\n');
}
