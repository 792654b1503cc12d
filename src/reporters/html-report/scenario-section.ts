/**
 * One scenario on its own pages: verdict and reasons, targets, the timeline
 * chart, the alerts and who was paged, each runbook step's transcript, the
 * checks, and the raw timeline events (what the chart was drawn from).
 */
import type { ScenarioResult } from '../../runner/scenario-result.ts';
import { type Html, html } from './html.ts';
import { figureLine, judgedFigures } from './judged-figures.ts';
import { timelineSvg } from './timeline-svg.ts';
import { transcripts } from './transcripts.ts';
import { verdictMark } from './verdict-mark.ts';

export function scenarioSection(result: ScenarioResult, index: number): Html {
  return html`<section class="scenario" id="scenario-${index + 1}">
<h2>${index + 1}. ${result.id}: ${result.title}</h2>
<div>${verdictMark(result.verdict)}${result.reasons.length > 0 ? html`<ul>${result.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}</div>
${result.faults.length > 0 ? html`<p><strong>Faults:</strong> ${result.faults.join('; ')}</p>` : ''}
<table><thead><tr><th>target</th><th>measured against target</th><th></th></tr></thead><tbody>
${judgedFigures(result).map((f) => html`<tr><td>${f.label}</td><td>${figureLine(f)}</td><td class="status ${f.met ? 'met' : 'missed'}">${f.met ? '✓ met' : '✗ missed'}</td></tr>`)}
<tr><td>outage (fault → steady state again)</td><td>${result.measured.outageMs === null ? 'not measured' : `${result.measured.outageMs} ms`}</td><td></td></tr>
</tbody></table>
<h3>Timeline</h3>
<figure class="timeline">${timelineSvg(result)}</figure>
${alerts(result)}
${transcripts(result.steps)}
${checks(result)}
${result.integrity ? html`<h3>Integrity</h3><p>${result.integrity}</p>` : ''}
${result.controls.length > 0 ? html`<h3>What it evidences (the scenario's own claims)</h3><ul>${result.controls.map((c) => html`<li>${c}</li>`)}</ul>` : ''}
${events(result)}
</section>`;
}

function alerts(result: ScenarioResult): Html | string {
  const list = result.measured.alerts;
  if (list.length === 0) return '';
  return html`<h3>Alerts and who was paged</h3><table><thead><tr><th>alert</th><th>fired (fault → firing)</th><th>target</th><th>paged</th><th>Prometheus said</th></tr></thead><tbody>
${list.map(
  (
    a,
  ) => html`<tr><td>${a.alert}</td><td class="num">${a.firedMs === null ? '✗ did not fire' : `${a.firedMs} ms`}</td><td class="num">${a.withinMs} ms</td>
<td>${a.notified.length > 0 ? a.notified.join(', ') : html`<span class="status missed">nobody</span>`}</td><td class="mono">${a.detail}</td></tr>`,
)}</tbody></table>`;
}

function checks(result: ScenarioResult): Html | string {
  if (result.checks.length === 0) return '';
  return html`<h3>Checks</h3><table><tbody>${result.checks.map(
    (c) =>
      html`<tr><td class="status ${c.ok ? 'met' : 'missed'}">${c.ok ? '✓ held' : '✗ failed'}</td><td>${c.name}<div class="muted">${c.detail}</div></td></tr>`,
  )}</tbody></table>`;
}

function events(result: ScenarioResult): Html {
  return html`<h3>Timeline events</h3><table class="events"><thead><tr><th>t (ms)</th><th>at</th><th>event</th><th>detail</th></tr></thead><tbody>
${result.timeline.map(
  (e) =>
    html`<tr><td class="num">${e.t}</td><td class="mono">${e.at}</td><td>${e.kind}</td><td class="mono">${Object.keys(e.detail).length === 0 ? '' : JSON.stringify(e.detail)}</td></tr>`,
)}</tbody></table>`;
}
