/**
 * Checks shared by the runtimes' monitoring tests: the environment's own
 * Prometheus scrapes every service. (That real faults fire real alerts and
 * page the runbook's contacts, the release gate's scenarios assert.)
 */
import type { Environment } from '../../src/runtime/runtime.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

export async function query(env: Environment, promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const response = await fetch(`${env.variables().PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(promql)}`);
  return ((await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
}

/** Waits until `up == 1` for every service job; returns the ms it took. */
export async function everyServiceScraped(env: Environment, timeoutMs = 15_000): Promise<number> {
  const started = performance.now();
  const scraped = env.topology.services.filter((service) => service.paths.metrics).map((service) => service.name);
  await waitUntil(
    async () => {
      const up = await query(env, 'up');
      const jobs = new Set(up.filter((sample) => sample.value[1] === '1').map((sample) => sample.metric.job));
      return scraped.every((job) => jobs.has(job));
    },
    { what: `up == 1 for every job (${scraped.join(', ')}) in ${env.variables().PROMETHEUS_URL}`, timeoutMs, intervalMs: 250 },
  );
  return performance.now() - started;
}
