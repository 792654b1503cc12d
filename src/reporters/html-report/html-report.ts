/**
 * The run as one self-contained HTML page (`firedrill report <run-dir>`): no
 * script, no external asset (style inline, charts inline SVG), and a Content
 * Security Policy that forbids scripts and fetches, so even a page saved
 * elsewhere loads nothing. Sections, in order:
 *
 *   bundle check · run summary · scenarios against their targets · controls
 *   · history (when given) · one section per scenario (timeline, alerts,
 *   transcripts, checks, events)
 *
 * Every text from the evidence is escaped (html.ts). Pure.
 */
import { verdictLine } from '../markdown.ts';
import { bundleBanner } from './bundle-banner.ts';
import { controlsSection } from './controls-section.ts';
import { historySection } from './history-section.ts';
import { html, trustedHtml } from './html.ts';
import { reportCss } from './report-css.ts';
import type { ReportInput } from './report-input.ts';
import { runSummary } from './run-summary.ts';
import { scenarioSection } from './scenario-section.ts';
import { scenarioTable } from './scenario-table.ts';

const policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function htmlReport(input: ReportInput): string {
  const { evidence } = input;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>firedrill report ${evidence.runId}</title>
<style>${trustedHtml(reportCss)}</style></head>
<body>
<header><h1>firedrill report: ${verdictLine(evidence.scenarios)}</h1>
<div class="muted">run ${evidence.runId} from ${input.runDir}, reported ${input.generatedAt.toISOString()}</div></header>
${bundleBanner(input.bundle)}
<section id="summary"><h2>Run</h2>${runSummary(evidence)}</section>
<section id="scenarios"><h2>Scenarios</h2>${scenarioTable(evidence.scenarios)}</section>
${controlsSection(input.controls)}
${historySection(input.history)}
${evidence.scenarios.map((result, index) => scenarioSection(result, index))}
</body></html>
`;
  return page.toString();
}
