/**
 * `firedrill history` in the terminal: the span of runs, the overall score
 * with its inputs, per scenario its score's inputs and a sparkline with p50
 * and p95 for each timed metric, then the findings with their status. Pure.
 */
import type { FindingHistory } from './finding-status.ts';
import type { HistoryReport } from './history-report.ts';
import type { ScenarioScore } from './resilience-score.ts';
import type { MetricTrend, ScenarioTrend } from './scenario-trend.ts';
import { sparkline } from './sparkline.ts';

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);
const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')}Z`;
const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

export function historyText(report: HistoryReport): string {
  const span = report.firstRun && report.latestRun ? `, ${minute(report.firstRun.startedAt)} to ${minute(report.latestRun.startedAt)}` : '';
  const scored = report.scenarios.filter((s) => s.score.score !== null).length;
  const lines = [
    `history: ${report.file}: ${report.runCount} run${report.runCount === 1 ? '' : 's'}${span}; each scenario's last ${report.last} runs`,
    `resilience score ${fixed(report.score, 1)}: the mean of ${scored} scenario score${scored === 1 ? '' : 's'} ` +
      '(each 100 × pass rate × timeliness; timeliness = 0.5 + 0.5 × the least headroom 1 − p95/target; see README)',
    '',
    ...report.scenarios.flatMap(({ trend, score }) => scenarioLines(trend, score)),
  ];
  if (report.skippedOnly.length > 0) lines.push(`only ever skipped (not applicable where run): ${report.skippedOnly.join(', ')}`, '');
  lines.push(...findingLines(report.findings));
  return `${lines.join('\n')}\n`;
}

function scenarioLines(trend: ScenarioTrend, score: ScenarioScore): string[] {
  const width = Math.max(...trend.metrics.map((m) => m.metric.length));
  return [
    `${trend.scenarioId}: ${scoreText(trend, score)}`,
    ...trend.metrics.map((m) => `  ${m.metric.padEnd(width)}  ${metricLine(m)}`),
    ...(trend.inconclusive > 0 ? [`  ${trend.inconclusive} aborted or errored run(s) in the window, not in the pass rate`] : []),
    '',
  ];
}

/** `score 73.8 = 100 × pass rate 1.00 (20 of 20) × timeliness 0.738 (recovery p95 15715 ms of 30000 ms)`: the score with its inputs. */
export function scoreText(trend: ScenarioTrend, score: ScenarioScore): string {
  if (score.score === null) return `no score (no passed or failed run in its last ${trend.runs.length})`;
  const limit = score.limiting ? ` (${score.limiting.metric} p95 ${ms(score.limiting.p95)} of ${ms(score.limiting.target)})` : '';
  const judged = trend.passed + trend.failed;
  return `score ${fixed(score.score, 1)} = 100 × pass rate ${fixed(score.passRate, 2)} (${trend.passed} of ${judged}) × timeliness ${fixed(score.timeliness, 3)}${limit}`;
}

function metricLine(trend: MetricTrend): string {
  return `${sparkline(trend.values)}  p50 ${ms(trend.p50)}  p95 ${ms(trend.p95)}  target ${ms(trend.target)}`;
}

function findingLines(findings: readonly FindingHistory[]): string[] {
  if (findings.length === 0) return ['findings: none in the window'];
  const open = findings.filter((f) => f.status === 'open').length;
  return [
    `findings: ${open} open of ${findings.length} (open: no passed run since last seen; fixed: one; retested: two or more)`,
    ...findings.flatMap((f) => [
      `  ${f.status.padEnd(8)}  ${f.scenarioId}: seen in ${f.occurrences} run(s), first ${minute(f.firstSeen.startedAt)}, ` +
        `last ${minute(f.lastSeen.startedAt)} (${f.lastSeen.runId}); since: ${f.runsSince} run(s), ${f.passesSince} passed`,
      `            ${f.reason.length > 200 ? `${f.reason.slice(0, 199)}…` : f.reason}`,
    ]),
  ];
}
