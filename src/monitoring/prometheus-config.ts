/**
 * The Prometheus config every environment runs with, whatever the runtime:
 * one scrape job per service that declares a metrics path, the run's rules
 * files, Alertmanager, scrape and evaluation every second (so an alert with
 * `for: 0s` fires about 2 s after the fault).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Ports, Topology } from '../topology/topology.ts';
import { loopback } from '../topology/service-env.ts';
import { defaultAlertRulesDir, rulesFilesIn } from './alert-rules.ts';

export interface ScrapeJob {
  readonly job: string;
  /** `127.0.0.1:PORT`. */
  readonly targets: readonly string[];
  /** Default `/metrics`. */
  readonly metricsPath?: string;
}

/** A job per service with a metrics path, named after the service (the `job` label alert rules match). */
export function scrapeJobs(topology: Topology, ports: Ports): ScrapeJob[] {
  return topology.services.flatMap((service) =>
    service.paths.metrics
      ? [{ job: service.name, targets: [`${loopback}:${ports[service.name]}`], metricsPath: service.paths.metrics }]
      : [],
  );
}

export interface PrometheusConfigOptions {
  readonly envId: string;
  readonly scrapeJobs: readonly ScrapeJob[];
  /** Rules files (absolute paths); default: the *.yml files of fixtures/prometheus. */
  readonly ruleFiles?: readonly string[];
  /** `127.0.0.1:PORT` of an Alertmanager to send alerts to. */
  readonly alertmanager?: string;
  /** Scrape and rule evaluation interval; default 1000. */
  readonly intervalMs?: number;
}

/** Writes `<home>/prometheus.yml` (a local Prometheus reads it; a container gets it mounted). */
export async function writePrometheusConfig(
  home: string,
  options: PrometheusConfigOptions,
): Promise<{ configFile: string; ruleFiles: readonly string[]; intervalMs: number }> {
  const ruleFiles = options.ruleFiles ?? (await rulesFilesIn(defaultAlertRulesDir));
  const configFile = join(home, 'prometheus.yml');
  const intervalMs = options.intervalMs ?? 1000;
  await writeFile(configFile, prometheusConfig(options, ruleFiles, intervalMs));
  return { configFile, ruleFiles, intervalMs };
}

function prometheusConfig(options: PrometheusConfigOptions, ruleFiles: readonly string[], intervalMs: number): string {
  const interval = `${intervalMs}ms`;
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    rule_files: [...ruleFiles],
    scrape_configs: options.scrapeJobs.map((job) => ({
      job_name: job.job,
      ...(job.metricsPath && job.metricsPath !== '/metrics' ? { metrics_path: job.metricsPath } : {}),
      static_configs: [{ targets: [...job.targets] }],
    })),
    ...(options.alertmanager ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [options.alertmanager] }] }] } } : {}),
  };
  return `# Written by firedrill for environment ${options.envId}\n${stringify(config)}`;
}
