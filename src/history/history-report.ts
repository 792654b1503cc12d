/**
 * What `firedrill history` shows, computed from the rows read back: per
 * scenario its trend over the last N runs and its score, the overall score,
 * and the findings with their status. A finding is listed while open, and
 * otherwise while it was last seen inside its scenario's window (a finding
 * retested long ago drops out of view, not out of the file). Pure.
 */
import { type FindingHistory, findingHistory, statusOrder } from './finding-status.ts';
import type { HistoryRows, StoredRun } from './read-history.ts';
import { overallScore, type ScenarioScore, scenarioScore } from './resilience-score.ts';
import { type ScenarioTrend, scenarioTrend } from './scenario-trend.ts';

export interface HistoryReport {
  readonly file: string;
  /** N: the runs of each scenario the trends and scores look at. */
  readonly last: number;
  readonly runCount: number;
  readonly firstRun?: StoredRun;
  readonly latestRun?: StoredRun;
  readonly scenarios: readonly { readonly trend: ScenarioTrend; readonly score: ScenarioScore }[];
  /** The mean of the scenarios' scores; null when none has one. */
  readonly score: number | null;
  readonly findings: readonly FindingHistory[];
  /** Scenarios in the history that were only ever skipped (not applicable on the runtimes run). */
  readonly skippedOnly: readonly string[];
}

export function historyReport(file: string, rows: HistoryRows, last: number): HistoryReport {
  const scenarios = [...rows.windows].map(([id, window]) => {
    const trend = scenarioTrend(id, window);
    return { trend, score: scenarioScore(trend) };
  });
  const windowStart = new Map([...rows.windows].map(([id, window]) => [id, window[0]?.seq ?? Number.POSITIVE_INFINITY]));
  const findings = rows.findings
    .map(findingHistory)
    .filter((f) => f.status === 'open' || f.lastSeen.seq >= (windowStart.get(f.scenarioId) ?? Number.POSITIVE_INFINITY))
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || b.lastSeen.seq - a.lastSeen.seq);
  return {
    file,
    last,
    runCount: rows.runCount,
    ...(rows.firstRun ? { firstRun: rows.firstRun } : {}),
    ...(rows.latestRun ? { latestRun: rows.latestRun } : {}),
    scenarios,
    score: overallScore(scenarios.map((s) => s.score)),
    findings,
    skippedOnly: rows.skippedOnly,
  };
}
