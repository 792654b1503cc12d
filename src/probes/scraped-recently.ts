import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import type { ServiceName } from '../runtime/runtime.ts';
import { prometheusUrl } from './alert-state.ts';
import type { Probe } from './probe.ts';
import { prometheusQuery } from './prometheus-query.ts';

export interface ScrapedRecentlyOptions {
  /** How old the newest scrape may be, by Prometheus' clock; default 10 s (ten scrape intervals here). */
  readonly maxAgeMs?: number;
}

/**
 * The environment's Prometheus (PROMETHEUS_URL) scraped `service`'s job
 * (the job is named after the service) within `maxAgeMs`, and that scrape
 * succeeded: `up{job}` is 1. Both read from Prometheus: the newest sample's
 * value and `time() - timestamp(up{job})`, its age.
 */
export function scrapedRecently(service: ServiceName, options: ScrapedRecentlyOptions = {}): Probe {
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const selector = `up{job="${service}"}`;
  return {
    name: `Prometheus scraped ${service} within ${maxAgeMs} ms`,
    uses: { services: [service] },
    async observe({ env, signal }) {
      const url = prometheusUrl(env);
      const query = (promql: string) => prometheusQuery(url, promql, { signal: AbortSignal.any([signal, timeoutAfterPendingIo(5000)]) });
      const [up, age] = await Promise.all([query(selector), query(`time() - timestamp(${selector})`)]);
      const value = up[0]?.samples[0]?.value;
      const ageMs = age[0]?.samples[0]?.value === undefined ? undefined : Math.round(age[0].samples[0].value * 1000);
      if (value === undefined || ageMs === undefined)
        return { ok: false, detail: `Prometheus has no ${selector}: job ${service} is not scraped` };
      const seen = `${selector} is ${value}, scraped ${ageMs} ms ago`;
      if (value !== 1) return { ok: false, detail: `${seen}: the last scrape failed` };
      if (ageMs > maxAgeMs) return { ok: false, detail: `${seen}: older than ${maxAgeMs} ms` };
      return { ok: true, detail: seen };
    },
  };
}
