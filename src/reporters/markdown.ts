/**
 * The run as Markdown, for a pull-request comment or a CI job summary
 * (`firedrill run --summary-md FILE`, and $GITHUB_STEP_SUMMARY): the verdict
 * line, a table of the scenarios against their targets, the alerts and who
 * was paged, each disaster-recovery scenario's RTO and recovery point, and
 * where the evidence is. Every text from the run goes through `inline`, so a
 * reason with `|`, a newline or `<` stays in its cell. Pure: the caller passes
 * evidence already redacted (run-outputs.ts).
 */
import type { Evidence } from '../evidence/evidence.ts';
import type { Verdict } from '../runner/judge.ts';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import type { RepeatSummary } from '../runner/repeat.ts';
import { alertLine } from './alert-line.ts';
import { runName, samplesText, statsText, verdictsText } from './repeat-report.ts';
import { recoveryPointLine } from './restore-report.ts';
import { figureText, scenarioFigures } from './scenario-figures.ts';

const order: readonly Verdict[] = ['passed', 'failed', 'aborted', 'errored', 'skipped'];
const marks: Record<Verdict, string> = { passed: '✅', failed: '❌', aborted: '⚠️', errored: '⚠️', skipped: '⏭️' };

/** Text safe inside a table cell or a list item: backslashes and `|` escaped, `<` as an entity, newlines as <br>. */
export function inline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** `2 passed, 1 failed, 1 skipped` (only the verdicts present; `no scenarios` for none). */
export function verdictLine(results: readonly ScenarioResult[]): string {
  const parts = order.flatMap((verdict) => {
    const n = results.filter((r) => r.verdict === verdict).length;
    return n === 0 ? [] : [`${n} ${verdict}`];
  });
  return parts.length === 0 ? 'no scenarios' : parts.join(', ');
}

export function markdownSummary(evidence: Evidence, evidencePath: string, suite?: string): string {
  const results = evidence.scenarios;
  const about = [
    `${evidence.runtime} runtime`,
    ...(suite ? [`suite ${suite}`] : []),
    ...(evidence.runbook
      ? [`runbook ${evidence.runbook.path} v${evidence.runbook.version} (sha256 ${evidence.runbook.sha256.slice(0, 12)}…)`]
      : []),
    `harness ${evidence.harness.version} (${evidence.harness.commit.slice(0, 12)})`,
  ];
  const sections = [
    `### firedrill: ${verdictLine(results)}${flakyCount(evidence.repeats ?? [])}`,
    inline(about.join(' · ')),
    table(results),
    repeatTable(evidence.repeats ?? []),
    list('Alerts (fault injected → firing; who was paged)', alertItems(results)),
    list('Disaster recovery', restoreItems(results)),
    `Evidence: \`${evidencePath.replace(/`/g, '')}\` (run ${inline(evidence.runId)})`,
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function table(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => {
    const { detect, recovery, dataLoss } = scenarioFigures(r);
    return [runName(r), `${marks[r.verdict]} ${r.verdict}`, figureText(detect), figureText(recovery), figureText(dataLoss), r.reason ?? ''];
  });
  return [
    '| scenario | verdict | detect | recovery | data loss | reason |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.map(inline).join(' | ')} |`),
  ].join('\n');
}

const flakyCount = (repeats: readonly RepeatSummary[]) => {
  const n = repeats.filter((r) => r.flaky).length;
  return n === 0 ? '' : ` (runs); ${n} flaky`;
};

/** With --repeat N: per scenario its verdicts (flaky marked) and its detect and recovery p50/p95/max. */
function repeatTable(repeats: readonly RepeatSummary[]): string {
  if (repeats.length === 0) return '';
  const rows = repeats.map((r) => [
    r.id,
    `${r.flaky ? '❌ ' : ''}${verdictsText(r)}`,
    `${statsText(r.detectMs)} (${samplesText(r.detectMs)})`,
    `${statsText(r.recoveryMs)} (${samplesText(r.recoveryMs)})`,
  ]);
  return [
    `**Repeated runs** (${repeats[0]!.runs} each, a fresh environment each; a flaky scenario fails the run)`,
    '',
    '| scenario | verdicts | detect | recovery |',
    '| --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.map(inline).join(' | ')} |`),
  ].join('\n');
}

function alertItems(results: readonly ScenarioResult[]): string[] {
  return results.flatMap((r) => r.measured.alerts.map((alert) => `${r.id}: ${alertLine(alert)}`));
}

function restoreItems(results: readonly ScenarioResult[]): string[] {
  return results.flatMap((r) => (r.measured.rpo ? [`${r.id}: ${recoveryPointLine(r, r.measured.rpo)}`] : []));
}

function list(title: string, items: readonly string[]): string {
  return items.length === 0 ? '' : [`**${title}**`, '', ...items.map((item) => `- ${inline(item)}`)].join('\n');
}
