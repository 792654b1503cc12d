/** Each control with its status (in words), what it requires, the scenarios of this run that evidence it, and what they leave out. */
import type { ControlEvidence } from '../../controls/control-statuses.ts';
import { shownPath } from '../../shown-path.ts';
import { type Html, html } from './html.ts';
import type { ControlsSection } from './report-input.ts';
import { verdictMark } from './verdict-mark.ts';

const marks = { evidenced: '✓', failed: '✗', 'not covered': '–' } as const;

export function controlsSection(section: ControlsSection): Html {
  if ('none' in section) return html`<section id="controls"><h2>Controls</h2><p class="muted">${section.none}</p></section>`;
  const count = (status: ControlEvidence['status']) => section.statuses.filter((s) => s.status === status).length;
  return html`<section id="controls"><h2>Controls</h2>
<p>${count('evidenced')} evidenced, ${count('failed')} failed, ${count('not covered')} not covered, from <span class="mono">${shownPath(section.file)}</span>.
A control is evidenced when one of its scenarios passed in this run and none failed; failed when one failed; not covered otherwise.</p>
<table class="controls"><thead><tr><th>control</th><th>requires</th><th>status</th><th>evidence in this run</th></tr></thead><tbody>
${section.statuses.map(row)}</tbody></table></section>`;
}

function row(s: ControlEvidence): Html {
  const { control } = s;
  const cls = s.status.replace(' ', '-');
  return html`<tr><td><strong>${control.id}</strong><div>${control.framework}, ${control.reference}</div><div class="muted">${control.title}</div></td>
<td>${control.requires}${control.note ? html`<div class="muted">Note: ${control.note}</div>` : ''}</td>
<td class="status ${cls}">${marks[s.status]} ${s.status}<div class="muted">${s.why}</div></td>
<td>${s.evidence.map((e) => html`<div>${e.id}: ${verdictMark(e.verdict)}</div>`)}${
    s.notRun.length > 0 ? html`<div class="muted">not in this run: ${s.notRun.join(', ')}</div>` : ''
  }</td></tr>`;
}
