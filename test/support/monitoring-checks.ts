/**
 * Checks shared by the runtimes' lifecycle tests: the environment's own
 * Prometheus scrapes every service, and a real fault fires real alerts that
 * page the runbook's PagerDuty schedule through Alertmanager.
 */
import { expect } from 'vitest';
import { alertFiring, type AlertObservation } from '../../src/probes/alert-state.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { scrapedServices } from '../../src/runtime/monitoring.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

const pagerDutySchedule = 'P7X2K9Q'; // RUNBOOK.md: ATS primary on-call

export async function query(env: Environment, promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const response = await fetch(`${env.variables().PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(promql)}`);
  return ((await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
}

/** Waits until `up == 1` for every service job; returns the ms it took. */
export async function everyServiceScraped(env: Environment, timeoutMs = 15_000): Promise<number> {
  const started = performance.now();
  await waitUntil(
    async () => {
      const up = await query(env, 'up');
      const jobs = new Set(up.filter((sample) => sample.value[1] === '1').map((sample) => sample.metric.job));
      return scrapedServices.every((job) => jobs.has(job));
    },
    { what: `up == 1 for every job (${scrapedServices.join(', ')}) in ${env.variables().PROMETHEUS_URL}`, timeoutMs, intervalMs: 250 },
  );
  return performance.now() - started;
}

/**
 * SIGKILLs Redis and waits for RedisDown and GatewayNotReady firing in
 * Prometheus (their `for` is 10 s) and for the page at the webhook receiver.
 * Returns the latencies from the kill, in ms. Leaves Redis down.
 */
export async function redisKillPages(env: Environment, timeoutMs = 30_000): Promise<{ firingMs: number; pagedMs: number }> {
  const context = { env, signal: new AbortController().signal } as unknown as ProbeContext;
  const receiver = env.webhookReceiver!();
  const killedAt = performance.now();
  await env.service('redis').kill('SIGKILL');
  const firing = (name: string) =>
    waitUntil(async () => ((await alertFiring(name).observe(context)) as AlertObservation).ok, { what: `${name} firing`, timeoutMs, intervalMs: 250 });
  await Promise.all([firing('RedisDown'), firing('GatewayNotReady')]);
  const firingMs = performance.now() - killedAt;
  const page = await receiver.waitFor(
    (n) => n.status === 'firing' && n.alerts.some((alert) => alert.alertname === 'RedisDown' && alert.status === 'firing'),
    timeoutMs,
  );
  expect(page).toMatchObject({ channel: 'pagerduty', contact: pagerDutySchedule });
  return { firingMs, pagedMs: page.t - killedAt };
}
