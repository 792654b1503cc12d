/**
 * Alert state as Prometheus itself reports it (GET /api/v1/rules): a probe
 * that holds while an alert of that name (and labels) is firing, and one that
 * holds while it is not. A firing observation carries when it started firing
 * by Prometheus' own clock: the alert's `activeAt` (the evaluation at which
 * the condition first held) plus the rule's `for`. Evaluations run every
 * interval and every `for` here is a whole number of intervals, so that sum
 * is the evaluation at which the alert turned firing, not an estimate.
 *
 * Which Prometheus: the environment's `PROMETHEUS_URL` variable (what an
 * environment running Prometheus sets), or the `prometheusUrl` option.
 */
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
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

interface AlertingRule {
  readonly type: 'alerting';
  readonly name: string;
  /** The rule's `for`, in seconds. */
  readonly duration: number;
  readonly alerts: readonly PrometheusAlertState[];
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

/** Every alerting rule Prometheus has loaded, with its active alerts. */
export async function prometheusAlertingRules(baseUrl: string, signal?: AbortSignal): Promise<AlertingRule[]> {
  const response = await fetch(`${baseUrl}/api/v1/rules?type=alert`, { signal });
  type Body = { status?: string; data?: { groups?: { rules?: (AlertingRule | { type: 'recording' })[] }[] }; error?: string };
  const body = (await response.json().catch(() => undefined)) as Body | undefined;
  if (!response.ok || body?.status !== 'success' || !body.data?.groups) {
    throw new Error(`${baseUrl}/api/v1/rules answered ${response.status}: ${body?.error ?? 'not a Prometheus rules response'}`);
  }
  return body.data.groups.flatMap((group) => (group.rules ?? []).filter((rule): rule is AlertingRule => rule.type === 'alerting'));
}

interface Matched {
  readonly rule: AlertingRule | undefined;
  readonly alerts: readonly PrometheusAlertState[];
}

async function matching(name: string, labels: Readonly<Record<string, string>>, url: string, signal: AbortSignal): Promise<Matched> {
  const rule = (await prometheusAlertingRules(url, signal)).find((r) => r.name === name);
  const alerts = (rule?.alerts ?? []).filter((alert) => Object.entries(labels).every(([key, value]) => alert.labels[key] === value));
  return { rule, alerts };
}

function observer(name: string, labels: Readonly<Record<string, string>>, options: AlertProbeOptions) {
  return async ({ env, signal }: { env: Environment; signal: AbortSignal }): Promise<Matched> => {
    const url = options.prometheusUrl ?? prometheusUrl(env);
    const found = await matching(name, labels, url, AbortSignal.any([signal, timeoutAfterPendingIo(options.timeoutMs ?? 2000)]));
    if (!found.rule) throw new Error(`Prometheus at ${url} has no alerting rule named ${name}`);
    return found;
  };
}

/** Holds while Prometheus reports alert `name` firing with at least `labels`. */
export function alertFiring(name: string, labels: Readonly<Record<string, string>> = {}, options: AlertProbeOptions = {}): Probe {
  const selector = `${name}${formatLabels(labels)}`;
  const observe = observer(name, labels, options);
  return {
    name: `Prometheus alert ${selector} is firing`,
    async observe(context): Promise<AlertObservation> {
      const { rule, alerts } = await observe(context);
      const first = alerts.filter((alert) => alert.state === 'firing').sort((a, b) => a.activeAt.localeCompare(b.activeAt))[0];
      if (first) {
        const firingSince = Date.parse(first.activeAt) + rule!.duration * 1000;
        return {
          ok: true,
          activeAt: first.activeAt,
          since: firingSince,
          detail: `${name}${formatLabels(first.labels)} firing since ${new Date(firingSince).toISOString()} (active since ${first.activeAt}, for ${rule!.duration}s), value ${first.value}`,
        };
      }
      return { ok: false, detail: describeStates(name, selector, alerts) };
    },
  };
}

/**
 * Holds while no alert `name` (with at least `labels`) is firing; pending is
 * still quiet. Watched every few hundred ms: a look that Prometheus does not
 * answer (a busy machine) holds for up to `graceMs` after the last answer,
 * since Prometheus keeps a firing alert firing and the next look sees it;
 * longer than that, quiet cannot be claimed and the probe does not hold.
 */
export function alertQuiet(
  name: string,
  labels: Readonly<Record<string, string>> = {},
  options: AlertProbeOptions & { graceMs?: number } = {},
): Probe {
  const selector = `${name}${formatLabels(labels)}`;
  const observe = observer(name, labels, options);
  const graceMs = options.graceMs ?? 10_000;
  let lastAnswerAt = performance.now();
  return {
    name: `Prometheus alert ${selector} stays quiet`,
    async observe(context) {
      try {
        const { alerts } = await observe(context);
        lastAnswerAt = performance.now();
        return { ok: !alerts.some((alert) => alert.state === 'firing'), detail: describeStates(name, selector, alerts) };
      } catch (error) {
        const silentMs = Math.round(performance.now() - lastAnswerAt);
        return { ok: silentMs <= graceMs, detail: `Prometheus has not answered for ${silentMs} ms: ${(error as Error).message}` };
      }
    },
  };
}

function describeStates(name: string, selector: string, alerts: readonly PrometheusAlertState[]): string {
  const states = alerts.map((alert) => `${name}${formatLabels(alert.labels)} ${alert.state} since ${alert.activeAt}`);
  return states.length > 0 ? states.join('; ') : `no ${selector} alert active`;
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).filter(([key]) => key !== 'alertname');
  return pairs.length === 0 ? '' : `{${pairs.map(([key, value]) => `${key}="${value}"`).join(', ')}}`;
}
