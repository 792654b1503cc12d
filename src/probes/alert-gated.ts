/**
 * An alert that must wait for a gate: it may fire only if the gate held when
 * the alert became active. SharpeRatioLow is gated behind a 5 % drawdown so
 * that a negative Sharpe ratio near the equity peak (a quiet weekend) pages
 * nobody; a rule that lost its gate fires on that noise.
 *
 * Judged by Prometheus' own record: for every firing alert of that name, the
 * gate expression is evaluated at the alert's `activeAt` (the evaluation at
 * which its condition first held); an empty result there means the alert
 * started without the gate. A firing alert keeps its `activeAt`, so the
 * judgement does not change with what the metrics do afterwards (a rebound
 * while the alert resolves). Watched every few hundred ms, a look Prometheus
 * does not answer holds for up to `graceMs` after the last answer, as
 * alertQuiet does.
 */
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import { prometheusAlertingRules, prometheusUrl } from './alert-state.ts';
import type { Observation, Probe } from './probe.ts';
import { prometheusQuery } from './prometheus-query.ts';

export interface AlertGate {
  /** PromQL that is non-empty while the gate is open: `max(risk_drawdown_ratio) > 0.05`. */
  readonly expr: string;
  /** PromQL whose value the detail shows when the gate was closed: `max(risk_drawdown_ratio)`. */
  readonly shows: string;
}

export function alertFiresOnlyWhen(alert: string, gate: AlertGate, options: { graceMs?: number } = {}): Probe {
  const graceMs = options.graceMs ?? 10_000;
  // Per run (keyed by its environment): the scenario holding this probe is defined once and run many times,
  // and Prometheus' silence counts from the run's first look, not from when the scenario file was loaded.
  const lastAnswerAtByRun = new WeakMap<object, number>();
  return {
    name: `Prometheus alert ${alert} fires only once ${gate.expr}`,
    async observe({ env, signal }): Promise<Observation> {
      if (!lastAnswerAtByRun.has(env)) lastAnswerAtByRun.set(env, performance.now());
      try {
        const seen = await judge(prometheusUrl(env), alert, gate, AbortSignal.any([signal, timeoutAfterPendingIo(2_000)]));
        lastAnswerAtByRun.set(env, performance.now());
        return seen;
      } catch (error) {
        const silentMs = Math.round(performance.now() - lastAnswerAtByRun.get(env)!);
        return { ok: silentMs <= graceMs, detail: `Prometheus has not answered for ${silentMs} ms: ${(error as Error).message}` };
      }
    },
  };
}

async function judge(url: string, alert: string, gate: AlertGate, signal: AbortSignal): Promise<Observation> {
  const rule = (await prometheusAlertingRules(url, signal)).find((r) => r.name === alert);
  if (!rule) throw new Error(`Prometheus at ${url} has no alerting rule named ${alert}`);
  const firing = rule.alerts.filter((a) => a.state === 'firing');
  if (firing.length === 0) return { ok: true, detail: `${alert} not firing` };
  for (const active of firing) {
    const atMs = Date.parse(active.activeAt);
    const open = await prometheusQuery(url, gate.expr, { atMs, signal });
    if (open.length > 0) continue;
    const shown = (await prometheusQuery(url, gate.shows, { atMs, signal }))[0]?.samples[0]?.value;
    return {
      ok: false,
      detail:
        `${alert} is firing (active since ${active.activeAt}, value ${active.value}) but its gate ${gate.expr} did not hold then ` +
        `(${gate.shows} = ${shown ?? 'no data'}): the alert fired before its gate opened`,
    };
  }
  return { ok: true, detail: `${alert} firing, and ${gate.expr} held when it became active (${firing.map((a) => a.activeAt).join(', ')})` };
}
