/**
 * Alert state as Prometheus itself reports it (GET /api/v1/alerts): a probe
 * that holds while an alert of that name (and labels) is firing. Its
 * observation carries Prometheus' `activeAt` (when the condition first held,
 * before any `for`) so detection can be measured from Prometheus' own clock.
 *
 * Which Prometheus: the environment's `PROMETHEUS_URL` variable (what an
 * environment running Prometheus sets), or the `prometheusUrl` option.
 */
import type { Environment } from '../runtime/runtime.ts';
import type { Observation, Probe } from './probe.ts';

export interface PrometheusAlertState {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing';
  /** ISO time the expression first held. */
  readonly activeAt: string;
  readonly value: string;
}

export interface AlertObservation extends Observation {
  /** Of the matching firing alert (the earliest, when several match). */
  readonly activeAt?: string;
}

export interface AlertProbeOptions {
  /** Overrides the environment's PROMETHEUS_URL. */
  readonly prometheusUrl?: string;
  readonly timeoutMs?: number;
}

/** The environment's Prometheus base URL; throws saying what is missing. */
export function prometheusUrl(env: Environment): string {
  const url = env.variables().PROMETHEUS_URL;
  if (!url) throw new Error(`Environment ${env.id} (${env.runtime}) runs no Prometheus: its variables have no PROMETHEUS_URL`);
  return url;
}

export async function prometheusAlerts(baseUrl: string, signal?: AbortSignal): Promise<PrometheusAlertState[]> {
  const response = await fetch(`${baseUrl}/api/v1/alerts`, { signal });
  const body = (await response.json().catch(() => undefined)) as { status?: string; data?: { alerts?: PrometheusAlertState[] }; error?: string } | undefined;
  if (!response.ok || body?.status !== 'success' || !body.data?.alerts) {
    throw new Error(`${baseUrl}/api/v1/alerts answered ${response.status}: ${body?.error ?? 'not a Prometheus alerts response'}`);
  }
  return body.data.alerts;
}

/** Holds while Prometheus reports alert `name` firing with at least `labels`. */
export function alertFiring(name: string, labels: Readonly<Record<string, string>> = {}, options: AlertProbeOptions = {}): Probe {
  const wanted = { ...labels, alertname: name };
  const selector = `${name}${formatLabels(labels)}`;
  return {
    name: `Prometheus alert ${selector} is firing`,
    async observe({ env, signal }): Promise<AlertObservation> {
      const url = options.prometheusUrl ?? prometheusUrl(env);
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 2000);
      const alerts = await prometheusAlerts(url, AbortSignal.any([signal, timeout]));
      const matching = alerts.filter((alert) => Object.entries(wanted).every(([key, value]) => alert.labels[key] === value));
      const firing = matching.filter((alert) => alert.state === 'firing').sort((a, b) => a.activeAt.localeCompare(b.activeAt));
      if (firing[0]) {
        const first = firing[0];
        return { ok: true, activeAt: first.activeAt, detail: `${name}${formatLabels(first.labels)} firing, active since ${first.activeAt}, value ${first.value}` };
      }
      const states = matching.map((alert) => `${name}${formatLabels(alert.labels)} ${alert.state} since ${alert.activeAt}`);
      return { ok: false, detail: states.length > 0 ? states.join('; ') : `no ${selector} alert active` };
    },
  };
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).filter(([key]) => key !== 'alertname');
  return pairs.length === 0 ? '' : `{${pairs.map(([key, value]) => `${key}="${value}"`).join(', ')}}`;
}
