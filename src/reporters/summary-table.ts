import Table from 'cli-table3';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import { alertLine } from './alert-line.ts';
import { runName } from './repeat-report.ts';

const ms = (value: number | null) => (value === null ? '—' : String(value));

/** The end-of-run table: one row per scenario, measured against target. */
export function summaryTable(results: readonly ScenarioResult[]): string {
  const table = new Table({
    head: ['scenario', 'verdict', 'detect ms', 'target', 'recovery ms', 'target', 'outage ms', 'data loss', 'reason'],
    colWidths: [22, 9, 11, 8, 13, 8, 11, 11, 50],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const r of results) {
    table.push([
      runName(r),
      r.verdict,
      ms(r.measured.detectMs),
      String(r.targets.detectMs),
      ms(r.measured.recoveryMs),
      String(r.targets.recoveryMs),
      ms(r.measured.outageMs),
      r.measured.dataLoss === null ? '—' : `${r.measured.dataLoss} / ${r.targets.dataLoss}`,
      r.reason ?? '',
    ]);
  }
  const alerts = results.flatMap((r) => (r.measured.alerts ?? []).map((a) => `  ${r.id}: ${alertLine(a)}`));
  return alerts.length === 0
    ? table.toString()
    : `${table.toString()}\nAlerts (fault injected → firing, by Prometheus' clock):\n${alerts.join('\n')}`;
}
