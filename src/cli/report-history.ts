/**
 * The report's history section (the seam HistorySection of the HTML report):
 * for each scenario of the run, its chart over its last N runs up to this run
 * (historyChartSvg) with its score and inputs as the caption, and the open
 * findings of those scenarios as they stood then. The history is the one
 * beside the run directory (<report-dir>/history.sqlite), or the file named.
 * No history file: no section. One that cannot be read: a section saying so;
 * the report is written all the same.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Evidence } from '../evidence/evidence.ts';
import { historyChartSvg } from '../history/history-chart-svg.ts';
import { openHistory } from '../history/history-db.ts';
import { historyReport } from '../history/history-report.ts';
import { scoreText } from '../history/history-text.ts';
import { readHistory, runSeq } from '../history/read-history.ts';
import { overallScore } from '../history/resilience-score.ts';
import type { HistorySection } from '../reporters/html-report/report-input.ts';
import { shownPath } from '../shown-path.ts';

export function reportHistory(evidence: Evidence, runDir: string, file?: string, last = 20): HistorySection | undefined {
  const path = file ?? join(dirname(resolve(runDir)), 'history.sqlite');
  if (!existsSync(path)) return undefined;
  const shown = shownPath(path);
  try {
    using db = openHistory(path);
    const through = runSeq(db, evidence.runId);
    const ran = evidence.scenarios.map((s) => s.id);
    const report = historyReport(shown, readHistory(db, last, undefined, through), last);
    const scenarios = ran.flatMap((id) => report.scenarios.filter((s) => s.trend.scenarioId === id)); // in the run's order
    const score = overallScore(scenarios.map((s) => s.score));
    const open = report.findings.filter((f) => f.status === 'open' && ran.includes(f.scenarioId));
    return {
      source:
        `${shown}: each scenario's last ${last} runs ` +
        (through === undefined ? 'up to the latest (this run is not in the history)' : 'up to this one'),
      charts: scenarios.map(({ trend, score }) => ({
        scenarioId: trend.scenarioId,
        svg: historyChartSvg(trend),
        caption: scoreText(trend, score),
      })),
      notes: [
        `Resilience score ${score === null ? '—' : score.toFixed(1)}: the mean of these scenarios' scores (README: Run history).`,
        ...open.map((f) => `Open finding, ${f.scenarioId}: ${f.reason} (seen in ${f.occurrences} run(s) since ${f.firstSeen.startedAt})`),
      ],
    };
  } catch (error) {
    return { source: `${shown}: not read (${(error as Error).message.split('\n')[0]}); the report is written without it`, charts: [] };
  }
}
