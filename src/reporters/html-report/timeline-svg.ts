/**
 * A scenario's timeline as inline SVG: one lane per mark (fault, detected,
 * each alert, remediation started, each runbook step, recovered) on a shared time axis in seconds
 * since the scenario started, target lines dashed across every lane (a target
 * past the chart's end is named at its right edge instead). Marks differ by
 * shape and dash as well as colour, and every one is labelled, so it reads
 * in black and white. All text goes through `html` (escaped).
 */
import type { ScenarioResult } from '../../runner/scenario-result.ts';
import { type Html, html } from './html.ts';
import { type TimelineMarks, timelineMarks } from './timeline-marks.ts';

const width = 960;
const left = 210;
const right = 24;
const laneHeight = 22;
const top = 40;
const bottom = 28;
const colours = {
  fault: '#b3261e',
  detected: '#8a5a00',
  alert: '#6a3ea1',
  missed: '#b3261e',
  remediation: '#4a6fa5',
  recovered: '#1e6b34',
} as const;

export function timelineSvg(result: ScenarioResult): Html {
  const marks = timelineMarks(result);
  const lanes = [...new Set([...marks.points.map((p) => p.lane), ...marks.bars.map((b) => b.lane)])].sort(
    (a, b) => firstT(marks, a) - firstT(marks, b),
  );
  if (lanes.length === 0)
    return html`<p class="muted">No timeline to draw: the scenario did not run (${result.reason ?? result.verdict}).</p>`;
  const scaleEnd = Math.max(1, marks.end, ...marks.targets.map((t) => t.t).filter((t) => t <= marks.end * 1.5)) * 1.03;
  const x = (t: number) => round(left + (Math.min(t, scaleEnd) / scaleEnd) * (width - left - right));
  const laneY = (lane: string) => top + lanes.indexOf(lane) * laneHeight + laneHeight / 2;
  const height = top + lanes.length * laneHeight + bottom;
  const axisY = height - bottom;
  const title = `Timeline of ${result.id}: ${lanes.length} lanes over ${(marks.end / 1000).toFixed(1)} s since the scenario started`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" font-family="sans-serif" font-size="11">
<title>${title}</title>
${lanes.map((lane, i) => html`<rect x="0" y="${top + i * laneHeight}" width="${width}" height="${laneHeight}" fill="${i % 2 ? '#ffffff' : '#f6f8fa'}"/><text x="${left - 8}" y="${laneY(lane) + 4}" text-anchor="end">${lane}</text>`)}
${axis(scaleEnd, x, axisY)}
${marks.bars.map((bar) => html`<rect x="${x(bar.from)}" y="${laneY(bar.lane) - 6}" width="${Math.max(2, x(bar.to) - x(bar.from))}" height="12" fill="#4a6fa5" stroke="#1f2328" stroke-width="0.5"/><text x="${x(bar.to) + 4}" y="${laneY(bar.lane) + 4}">${bar.label}</text>`)}
${marks.points.map((p) => html`${shape(p.kind, x(p.t), laneY(p.lane))}<text x="${x(p.t) + 8}" y="${laneY(p.lane) + 4}">${p.label}</text>`)}
${targetLines(marks, x, scaleEnd, axisY)}
</svg>`;
}

function firstT(marks: TimelineMarks, lane: string): number {
  return Math.min(
    ...marks.points.filter((p) => p.lane === lane).map((p) => p.t),
    ...marks.bars.filter((b) => b.lane === lane).map((b) => b.from),
  );
}

function shape(kind: keyof typeof colours, cx: number, cy: number): Html {
  const fill = colours[kind];
  if (kind === 'fault')
    return html`<line x1="${cx}" y1="${top}" x2="${cx}" y2="${cy + 8}" stroke="${fill}" stroke-width="2"/><path d="M${cx - 6} ${cy - 6}h12l-6 12z" fill="${fill}"/>`;
  if (kind === 'missed') return html`<path d="M${cx - 5} ${cy - 5}l10 10m0-10l-10 10" stroke="${fill}" stroke-width="2.5"/>`;
  if (kind === 'recovered') return html`<rect x="${cx - 5}" y="${cy - 5}" width="10" height="10" fill="${fill}"/>`;
  if (kind === 'remediation') return html`<line x1="${cx}" y1="${cy - 7}" x2="${cx}" y2="${cy + 7}" stroke="${fill}" stroke-width="3"/>`;
  if (kind === 'alert') return html`<path d="M${cx} ${cy - 6}l6 6l-6 6l-6 -6z" fill="${fill}"/>`;
  return html`<circle cx="${cx}" cy="${cy}" r="5" fill="${fill}"/>`;
}

function axis(scaleEnd: number, x: (t: number) => number, axisY: number): Html {
  const step = niceStep(scaleEnd / 8);
  const ticks = Array.from({ length: Math.floor(scaleEnd / step) + 1 }, (_, i) => i * step);
  return html`<line x1="${left}" y1="${axisY}" x2="${width - right}" y2="${axisY}" stroke="#5f6368"/>
${ticks.map((t) => html`<line x1="${x(t)}" y1="${axisY}" x2="${x(t)}" y2="${axisY + 4}" stroke="#5f6368"/><text x="${x(t)}" y="${axisY + 16}" text-anchor="middle">${seconds(t)}</text>`)}
<text x="${left - 20}" y="${axisY + 16}" text-anchor="end" fill="#5f6368">since start</text>`;
}

function targetLines(marks: TimelineMarks, x: (t: number) => number, scaleEnd: number, axisY: number): Html[] {
  return marks.targets.map((target, i) => {
    const labelY = 12 + (i % 2) * 14;
    if (target.t > scaleEnd)
      return html`<text x="${width - right}" y="${labelY}" text-anchor="end">${target.label} at ${seconds(target.t)} (off scale) →</text>`;
    const tx = x(target.t);
    const anchor = tx > width - 160 ? 'end' : 'start';
    return html`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${axisY}" stroke="#1f2328" stroke-dasharray="${target.pattern}"/><text x="${anchor === 'end' ? tx - 3 : tx + 3}" y="${labelY}" text-anchor="${anchor}">${target.label}</text>`;
  });
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

const round = (n: number) => Math.round(n * 10) / 10;
const seconds = (ms: number) => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;
