/**
 * When an alert was pending and firing over a window, from Prometheus' own
 * `ALERTS` series: every rule evaluation that finds the expression true writes
 * one sample, labelled `alertstate="pending"` or `"firing"`. A gap between two
 * samples is an evaluation that found it false (or its data missing), and the
 * rule's `for` started again after it: a late alert is told apart this way
 * from a condition that was late to hold at all.
 */
import { prometheusQuery, type Series } from './prometheus-query.ts';

export interface AlertStretch {
  readonly state: 'pending' | 'firing';
  /** First and last evaluation of the stretch, ms after the window's start. */
  readonly fromMs: number;
  readonly toMs: number;
}

/** The alert's stretches from `fromMs` to `toMs` (wall clock, ms); labels narrow it to one of the rule's alerts. */
export async function alertEvaluationsBetween(
  baseUrl: string,
  alert: string,
  labels: Readonly<Record<string, string>>,
  fromMs: number,
  toMs: number,
  signal?: AbortSignal,
): Promise<AlertStretch[]> {
  const matchers = Object.entries({ alertname: alert, ...labels }).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  const range = `${Math.max(1, Math.ceil((toMs - fromMs) / 1000))}s`;
  const series = await prometheusQuery(baseUrl, `ALERTS{${matchers.join(',')}}[${range}]`, { atMs: toMs, signal });
  return alertStretches(series, fromMs, toMs);
}

/**
 * The pure part: `ALERTS` range vectors as stretches of consecutive evaluations in one state. A new stretch starts
 * at a change of state or after a gap over 1.5 times the usual one (the evaluation interval).
 */
export function alertStretches(series: readonly Series[], fromMs: number, toMs: number): AlertStretch[] {
  const samples = series
    .flatMap((s) => s.samples.map((sample) => ({ atMs: sample.atMs, state: s.labels.alertstate === 'firing' ? 'firing' : 'pending' })))
    .filter((sample) => sample.atMs >= fromMs && sample.atMs <= toMs)
    .sort((a, b) => a.atMs - b.atMs) as { atMs: number; state: AlertStretch['state'] }[];
  const gaps = samples
    .slice(1)
    .map((sample, i) => sample.atMs - samples[i]!.atMs)
    .sort((a, b) => a - b);
  const usualGapMs = gaps[Math.floor((gaps.length - 1) / 2)] ?? 0;
  const stretches: { state: AlertStretch['state']; fromMs: number; toMs: number }[] = [];
  for (const sample of samples) {
    const last = stretches.at(-1);
    const atMs = Math.round(sample.atMs - fromMs);
    if (last && last.state === sample.state && atMs - last.toMs <= usualGapMs * 1.5) last.toMs = atMs;
    else stretches.push({ state: sample.state, fromMs: atMs, toMs: atMs });
  }
  return stretches;
}

/** One clause for a reader: `pending 2.6–7.6 s, pending 11.5–21.5 s (2 starts), firing from 21.5 s`. */
export function describeAlertStretches(stretches: readonly AlertStretch[]): string {
  if (stretches.length === 0) return 'never pending';
  const starts = stretches.filter((s) => s.state === 'pending').length;
  const parts = stretches.map((s, i) =>
    s.state === 'firing' && i === stretches.length - 1
      ? `firing from ${seconds(s.fromMs)}`
      : `${s.state} ${(s.fromMs / 1000).toFixed(1)}–${seconds(s.toMs)}`,
  );
  return `${parts.join(', ')}${starts > 1 ? ` (its \`for\` started ${starts} times)` : ''}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
