/**
 * The risk service's own figures, read from its /metrics as Prometheus would
 * scrape them: PnL, drawdown from the equity peak (0..1), the rolling Sharpe
 * ratio, and when they were last computed.
 */
import type { Environment } from '../runtime/runtime.ts';
import { metricsText, sampleValue } from './metric-sample.ts';
import type { Observation, Probe } from './probe.ts';

export interface RiskFigures {
  readonly pnl: number;
  readonly drawdownRatio: number;
  readonly sharpeRatio: number;
  /** Wall-clock ms of the last computation. */
  readonly updatedAtMs: number;
}

const names = {
  pnl: 'risk_pnl',
  drawdownRatio: 'risk_drawdown_ratio',
  sharpeRatio: 'risk_sharpe_ratio',
  updatedAtMs: 'risk_last_update_timestamp_seconds',
} as const;
const risk = 'risk';

/** Throws naming the metrics the risk service does not export. */
export async function riskFigures(env: Environment): Promise<RiskFigures> {
  const text = await metricsText(env.service(risk).url!);
  const read = Object.entries(names).map(([key, name]) => [key, sampleValue(text, name)] as const);
  const missing = read.filter(([, value]) => value === undefined).map(([key]) => names[key as keyof typeof names]);
  if (missing.length > 0) throw new Error(`risk /metrics has no ${missing.join(', ')}`);
  const figures = Object.fromEntries(read) as Record<keyof typeof names, number>;
  return { ...figures, updatedAtMs: figures.updatedAtMs * 1000 };
}

export function describeRisk(figures: RiskFigures, nowMs = Date.now()): string {
  const pnl = Math.round(figures.pnl).toLocaleString('en-US');
  const ageS = ((nowMs - figures.updatedAtMs) / 1000).toFixed(1);
  return `risk: PnL ${pnl}, drawdown ${(figures.drawdownRatio * 100).toFixed(2)} %, Sharpe ${figures.sharpeRatio.toFixed(3)}, computed ${ageS} s ago`;
}

function riskProbe(name: string, holds: (figures: RiskFigures) => boolean): Probe {
  return {
    name,
    uses: { services: [risk] },
    async observe({ env }): Promise<Observation> {
      const figures = await riskFigures(env);
      return { ok: holds(figures), detail: describeRisk(figures) };
    },
  };
}

/** Holds while the risk service computed its figures within the last `maxAgeMs` (it is alive, not serving stale numbers). */
export function riskFiguresFresh(maxAgeMs = 3_000): Probe {
  return riskProbe(`risk figures computed within the last ${maxAgeMs} ms`, (f) => Date.now() - f.updatedAtMs <= maxAgeMs);
}

/** Holds while the risk service reports a drawdown above `ratio` (0.05: 5 %). */
export function riskDrawdownAbove(ratio: number): Probe {
  return riskProbe(`risk reports a drawdown above ${ratio * 100} %`, (f) => f.drawdownRatio > ratio);
}

/** Holds while the risk service reports a drawdown below `ratio`. */
export function riskDrawdownBelow(ratio: number): Probe {
  return riskProbe(`risk reports a drawdown below ${ratio * 100} %`, (f) => f.drawdownRatio < ratio);
}
