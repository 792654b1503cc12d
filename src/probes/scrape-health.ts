/**
 * How Prometheus' scrapes of each target went over a window, from its own
 * `up` and `scrape_duration_seconds` series: every scrape attempt records one
 * sample of each (`up` 0 for one that failed, a timeout included), so the
 * samples say how many were made, how many failed, the longest gap between
 * two (a scrape not even attempted: Prometheus itself starved) and the
 * slowest. An alert that fires late on a gauge is told apart this way: a
 * failed scrape makes the gauge's series stale, which ends a pending alert
 * (its `for` starts again at the next good scrape); if every scrape went
 * well, the gauge itself was late.
 */
import { prometheusQuery, type Series } from './prometheus-query.ts';

export interface TargetScrapes {
  readonly job: string;
  readonly instance: string;
  readonly attempts: number;
  readonly failed: number;
  /** Between two attempts in the window, the median (the scrape interval, as kept) and the longest; 0 with fewer than two. */
  readonly typicalGapMs: number;
  readonly longestGapMs: number;
  readonly slowestMs: number;
}

/** Every target's scrapes from `fromMs` to `toMs` (wall clock, ms), by job and instance. */
export async function scrapesBetween(baseUrl: string, fromMs: number, toMs: number, signal?: AbortSignal): Promise<TargetScrapes[]> {
  const range = `${Math.max(1, Math.ceil((toMs - fromMs) / 1000))}s`;
  const [up, durations] = await Promise.all([
    prometheusQuery(baseUrl, `up[${range}]`, { atMs: toMs, signal }),
    prometheusQuery(baseUrl, `scrape_duration_seconds[${range}]`, { atMs: toMs, signal }),
  ]);
  return summariseScrapes(up, durations, fromMs, toMs);
}

/** The pure part of scrapesBetween: `up` and `scrape_duration_seconds` range vectors, samples outside the window left out. */
export function summariseScrapes(up: readonly Series[], durations: readonly Series[], fromMs: number, toMs: number): TargetScrapes[] {
  const target = (s: Series) => `${s.labels.job ?? ''} ${s.labels.instance ?? ''}`;
  const inWindow = (s: Series) => s.samples.filter((sample) => sample.atMs >= fromMs && sample.atMs <= toMs);
  return up
    .map((series) => {
      const samples = inWindow(series);
      const gaps = samples
        .slice(1)
        .map((sample, i) => sample.atMs - samples[i]!.atMs)
        .sort((a, b) => a - b);
      const duration = durations.find((d) => target(d) === target(series));
      const slowest = Math.max(0, ...(duration ? inWindow(duration) : []).map((sample) => sample.value));
      return {
        job: series.labels.job ?? '',
        instance: series.labels.instance ?? '',
        attempts: samples.length,
        failed: samples.filter((sample) => sample.value === 0).length,
        typicalGapMs: Math.round(gaps[Math.floor((gaps.length - 1) / 2)] ?? 0),
        longestGapMs: Math.round(gaps.at(-1) ?? 0),
        slowestMs: Math.round(slowest * 1000),
      };
    })
    .sort((a, b) => a.job.localeCompare(b.job) || a.instance.localeCompare(b.instance));
}

/**
 * One clause for a reader: the targets with a failed scrape or a gap over 1.5
 * times their usual one named, with their figures; the rest counted as on time.
 */
export function describeScrapes(targets: readonly TargetScrapes[]): string {
  if (targets.length === 0) return 'no scrape recorded';
  const troubled = targets.filter((t) => t.failed > 0 || t.longestGapMs > t.typicalGapMs * 1.5);
  const named = troubled.map(
    (t) =>
      `${t.job} (${t.instance}) ${t.failed} of ${t.attempts} failed, longest gap ${seconds(t.longestGapMs)} (usually ${seconds(t.typicalGapMs)}), slowest ${seconds(t.slowestMs)}`,
  );
  const fine = targets.length - troubled.length;
  if (troubled.length === 0) return `all ${targets.length} targets scraped on time, none failed`;
  return fine > 0 ? `${named.join('; ')}; the other ${fine} on time` : named.join('; ');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
