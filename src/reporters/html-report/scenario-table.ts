/** One row per scenario: its verdict, each measurement against its target (met or missed, in words), and why. */
import type { ScenarioResult } from '../../runner/scenario-result.ts';
import { type Html, html } from './html.ts';
import { figureLine, judgedFigures } from './judged-figures.ts';
import { verdictMark } from './verdict-mark.ts';

export function scenarioTable(results: readonly ScenarioResult[]): Html {
  if (results.length === 0) return html`<p class="muted">The run holds no scenario.</p>`;
  return html`<table class="scenarios"><thead><tr><th>scenario</th><th>verdict</th><th>against its targets</th><th>alerts</th><th>reason</th></tr></thead>
<tbody>${results.map((r, i) => row(r, i))}</tbody></table>`;
}

function row(result: ScenarioResult, index: number): Html {
  const ran = result.verdict !== 'skipped' && result.timeline.some((e) => e.kind === 'fault.injected');
  const figures = ran
    ? judgedFigures(result).map(
        (f) =>
          html`<div><span class="status ${f.met ? 'met' : 'missed'}">${f.met ? '✓ met' : '✗ missed'}</span> ${f.label}: ${figureLine(f)}</div>`,
      )
    : html`<span class="muted">not measured</span>`;
  const alerts = result.measured.alerts;
  const fired = alerts.filter((a) => a.firedMs !== null && a.firedMs <= a.withinMs).length;
  return html`<tr><td><a href="#scenario-${index + 1}">${result.id}</a><div class="muted">${result.title}</div></td>
<td>${verdictMark(result.verdict)}</td><td>${figures}</td>
<td class="num">${alerts.length === 0 ? '—' : `${fired} of ${alerts.length} in time`}</td><td>${result.reason ?? ''}</td></tr>`;
}
