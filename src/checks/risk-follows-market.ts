import { prometheusUrl } from '../probes/alert-state.ts';
import { prometheusQuery, type Sample } from '../probes/prometheus-query.ts';
import type { Environment } from '../runtime/runtime.ts';
import type { Check } from '../scenario/scenario.ts';

const marketData = 'market-data';

/** A risk metric that must react to one leg of a market shock, past a threshold and away from its value before. */
export interface RiskFollow {
  readonly metric: 'risk_pnl' | 'risk_drawdown_ratio' | 'risk_sharpe_ratio';
  /** Which leg of the shock (0: the first move). */
  readonly leg: number;
  readonly below?: number;
  readonly above?: number;
}

interface ShockLegState {
  readonly atMs: number;
  readonly factor: number;
  readonly firstTickAt: string | null;
}

/**
 * After a market shock (src/faults/market-shock.ts), each risk metric must
 * have followed its leg within `withinMs`: measured from the first tick the
 * market-data service published at the leg's level (its own record, GET
 * /admin/shock) to the first sample Prometheus scraped from the risk service
 * that was computed after that tick (risk_last_update_timestamp_seconds of
 * the same scrape), is past the threshold, *and* differs from the metric's
 * last value before the tick. A value computed before the tick cannot be a
 * reaction to it; the last condition catches a frozen gauge that happens to
 * sit on the right side (a constant negative Sharpe ratio). The detail gives
 * every metric's follow time, for the evidence.
 */
export function riskFollowsMarket(options: { withinMs: number; follows: readonly RiskFollow[] }): Check {
  return {
    name: `risk metrics follow the market within ${options.withinMs} ms`,
    uses: { services: [marketData] },
    async run({ env, signal }) {
      const legs = await shockLegs(env, signal);
      const url = prometheusUrl(env);
      const results = await Promise.all(options.follows.map((follow) => judgeFollow(url, legs, follow, options.withinMs)));
      return { ok: results.every((r) => r.ok), detail: results.map((r) => r.detail).join('; ') };
    },
  };
}

async function judgeFollow(url: string, legs: readonly ShockLegState[], follow: RiskFollow, withinMs: number) {
  const leg = legs[follow.leg];
  const legName = `leg ${follow.leg + 1}${leg ? ` (${describeLeg(leg)})` : ''}`;
  if (!leg?.firstTickAt) return { ok: false, detail: `${follow.metric}: market data never published ${legName}` };
  const tickAtMs = Date.parse(leg.firstTickAt);
  const lookbackS = Math.ceil((withinMs + 30_000) / 1000);
  const range = (metric: string) => prometheusQuery(url, `${metric}[${lookbackS}s]`, { atMs: tickAtMs + withinMs });
  const [[series], [updates]] = await Promise.all([range(follow.metric), range('risk_last_update_timestamp_seconds')]);
  const computedAtMs = new Map((updates?.samples ?? []).map((u) => [u.atMs, u.value * 1000]));
  const samples = series?.samples ?? [];
  // Before: the last value computed before the tick (a scrape just after it may still show one).
  const before = samples.filter((s) => (computedAtMs.get(s.atMs) ?? s.atMs) < tickAtMs).at(-1);
  const after = samples.filter((s) => (computedAtMs.get(s.atMs) ?? 0) >= tickAtMs);
  const followed = after.find((s) => crosses(follow, s.value) && (before === undefined || s.value !== before.value));
  const expected = `${threshold(follow)}${before ? ` and away from ${format(before.value)}` : ''}`;
  if (followed) {
    const ms = Math.round(followed.atMs - tickAtMs);
    return {
      ok: true,
      detail: `${follow.metric} followed ${legName} in ${ms} ms: ${format(before?.value)} → ${format(followed.value)} (${threshold(follow)})`,
    };
  }
  return {
    ok: false,
    detail: `${follow.metric} did not follow ${legName} within ${withinMs} ms: ${seen(before, after)}, expected ${expected}`,
  };
}

function crosses(follow: RiskFollow, value: number): boolean {
  return (follow.below === undefined || value < follow.below) && (follow.above === undefined || value > follow.above);
}

function threshold(follow: RiskFollow): string {
  return [follow.below !== undefined ? `below ${follow.below}` : '', follow.above !== undefined ? `above ${follow.above}` : '']
    .filter(Boolean)
    .join(' and ');
}

function seen(before: Sample | undefined, after: readonly Sample[]): string {
  if (after.length === 0) return 'Prometheus scraped no sample of it computed after the move';
  const values = [...new Set(after.map((s) => s.value))];
  if (values.length === 1 && before?.value === values[0]) return `it stayed at ${format(values[0])} (${after.length} samples)`;
  return `it went ${format(before?.value)} → ${values.slice(-3).map(format).join(', ')}`;
}

function describeLeg(leg: ShockLegState): string {
  const move = Math.round((leg.factor - 1) * 1000) / 10;
  return `${move > 0 ? '+' : ''}${move} % at +${leg.atMs / 1000} s`;
}

function format(value: number | undefined): string {
  if (value === undefined) return 'no sample';
  return Math.abs(value) >= 100 ? Math.round(value).toString() : value.toPrecision(4);
}

async function shockLegs(env: Environment, signal: AbortSignal): Promise<ShockLegState[]> {
  const url = `${env.service(marketData).url}/admin/shock`;
  const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return ((await response.json()) as { legs: ShockLegState[] }).legs;
}
