/** Run history, when the report is given it (see HistorySection): each scenario's chart with its caption. */
import { type Html, html, trustedHtml } from './html.ts';
import type { HistorySection } from './report-input.ts';

export function historySection(history: HistorySection | undefined): Html | string {
  if (history === undefined) return '';
  return html`<section id="history"><h2>History</h2><p class="muted">${history.source}</p>
${history.charts.map((c) => html`<figure class="history-chart">${trustedHtml(c.svg)}<figcaption>${c.scenarioId}: ${c.caption}</figcaption></figure>`)}
${history.notes && history.notes.length > 0 ? html`<ul>${history.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}</section>`;
}
