/**
 * A scenario's trend as an inline SVG chart, for the HTML report: one line per
 * timed metric (detect, recovery, RTO) over the window's runs, oldest left,
 * each with its target as a dashed line of the same colour; a run that failed
 * is marked with a red tick on the axis. The y axis starts at 0 and reaches
 * the highest value or target; a run that measured nothing leaves a gap.
 * Self-contained (no script, no external asset, no CSS class), so it prints.
 */
import type { MetricTrend, ScenarioTrend, TimedMetric } from './scenario-trend.ts';

const width = 480;
const height = 160;
const pad = { left: 56, right: 12, top: 22, bottom: 22 };
const colours: Record<TimedMetric, string> = { detect: '#1f77b4', recovery: '#ff7f0e', rto: '#9467bd' };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const round = (n: number) => Math.round(n * 10) / 10;

export function historyChartSvg(trend: ScenarioTrend): string {
  const top = Math.max(1, ...trend.metrics.flatMap((m) => [m.target, ...m.values.filter((v) => v !== null)]));
  const n = trend.runs.length;
  const x = (i: number) => round(pad.left + (n <= 1 ? 0.5 : i / (n - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => round(height - pad.bottom - (v / top) * (height - pad.top - pad.bottom));
  const title = `${trend.scenarioId}: detect and recovery over the last ${n} run${n === 1 ? '' : 's'} (ms), targets dashed`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<line x1="${pad.left}" y1="${y(0)}" x2="${width - pad.right}" y2="${y(0)}" stroke="#888"/>`,
    `<text x="${pad.left - 4}" y="${y(0)}" font-size="10" text-anchor="end" font-family="sans-serif">0</text>`,
    `<text x="${pad.left - 4}" y="${y(top) + 8}" font-size="10" text-anchor="end" font-family="sans-serif">${Math.round(top)} ms</text>`,
    ...trend.runs.flatMap((run, i) =>
      run.verdict === 'failed' ? [`<line x1="${x(i)}" y1="${y(0)}" x2="${x(i)}" y2="${y(0) + 6}" stroke="#d62728" stroke-width="2"/>`] : [],
    ),
    ...trend.metrics.flatMap((m) => metricMarks(m, x, y)),
    ...trend.metrics.map(
      (m, i) =>
        `<text x="${pad.left + i * 110}" y="12" font-size="11" font-family="sans-serif" fill="${colours[m.metric]}">${m.metric} p95 ${m.p95 === null ? '—' : Math.round(m.p95)} ms</text>`,
    ),
    '</svg>',
  ];
  return parts.join('\n');
}

function metricMarks(m: MetricTrend, x: (i: number) => number, y: (v: number) => number): string[] {
  const colour = colours[m.metric];
  const segments: string[][] = [[]];
  m.values.forEach((v, i) => {
    if (v === null) segments.push([]);
    else segments.at(-1)!.push(`${x(i)},${y(v)}`);
  });
  return [
    `<line x1="${pad.left}" y1="${y(m.target)}" x2="${width - pad.right}" y2="${y(m.target)}" stroke="${colour}" stroke-dasharray="4 3"/>`,
    ...segments
      .filter((points) => points.length > 0)
      .map((points) =>
        points.length === 1
          ? `<circle cx="${points[0]!.split(',')[0]}" cy="${points[0]!.split(',')[1]}" r="2" fill="${colour}"/>`
          : `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.5"/>`,
      ),
  ];
}
