/**
 * A real Prometheus (Debian's package) for one environment: its config, data
 * and log inside the sandbox, listening on a loopback port, tagged like every
 * process of the sandbox (FIREDRILL_ENV and a cwd inside it) so teardown and
 * the reaper find it. Scrape and evaluation run every `intervalMs` (1 s by
 * default) so an alert with `for: 0s` fires about 2 s after the fault.
 *
 *   startPrometheus({ dir, envId, port, scrapeJobs, ruleFiles }) ──> PrometheusServer
 *     GET /-/ready polled until 200; if the process exits first, the error
 *     quotes its log's error line (a bad rule file names the file, a taken port says so).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { defaultAlertRulesDir, rulesFilesIn } from '../alert-rules.ts';
import { startPrometheusDaemon, type PrometheusDaemon } from './prometheus-daemon.ts';

export const prometheusBin = process.env.FIREDRILL_PROMETHEUS_BIN ?? 'prometheus';

export interface ScrapeJob {
  readonly job: string;
  /** `127.0.0.1:PORT`, each serving /metrics. */
  readonly targets: readonly string[];
}

export interface PrometheusOptions {
  /** A directory inside the environment's sandbox; Prometheus gets `<dir>/prometheus`. */
  readonly dir: string;
  readonly envId: string;
  readonly port: number;
  readonly scrapeJobs: readonly ScrapeJob[];
  /** Rules files (absolute paths); default: the *.yml files of fixtures/prometheus. */
  readonly ruleFiles?: readonly string[];
  /** `127.0.0.1:PORT` of an Alertmanager to send alerts to. */
  readonly alertmanager?: string;
  /** Scrape and rule evaluation interval; default 1000. */
  readonly intervalMs?: number;
  readonly startTimeoutMs?: number;
}

export interface PrometheusServer extends PrometheusDaemon {
  readonly configFile: string;
  readonly ruleFiles: readonly string[];
}

/** Writes `<home>/prometheus.yml` (also used by the docker runtime, which mounts it). */
export async function writePrometheusConfig(
  home: string,
  options: Pick<PrometheusOptions, 'envId' | 'scrapeJobs' | 'ruleFiles' | 'alertmanager' | 'intervalMs'>,
): Promise<{ configFile: string; ruleFiles: readonly string[]; intervalMs: number }> {
  const ruleFiles = options.ruleFiles ?? (await rulesFilesIn(defaultAlertRulesDir));
  const configFile = join(home, 'prometheus.yml');
  const intervalMs = options.intervalMs ?? 1000;
  await writeFile(configFile, prometheusConfig(options, ruleFiles, intervalMs));
  return { configFile, ruleFiles, intervalMs };
}

export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusServer> {
  const home = join(options.dir, 'prometheus');
  await mkdir(join(home, 'data'), { recursive: true });
  const { configFile, ruleFiles, intervalMs } = await writePrometheusConfig(home, options);
  const daemon = await startPrometheusDaemon({
    name: 'Prometheus',
    bin: prometheusBin,
    args: [
      `--config.file=${configFile}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      `--storage.tsdb.path=${join(home, 'data')}`,
      '--storage.tsdb.retention.time=1d',
      '--web.enable-lifecycle',
      `--rules.alert.resend-delay=${intervalMs}ms`,
    ],
    home,
    envId: options.envId,
    port: options.port,
    configFile,
    startTimeoutMs: options.startTimeoutMs,
  });
  return { ...daemon, configFile, ruleFiles };
}

function prometheusConfig(
  options: Pick<PrometheusOptions, 'envId' | 'scrapeJobs' | 'alertmanager'>,
  ruleFiles: readonly string[],
  intervalMs: number,
): string {
  const interval = `${intervalMs}ms`;
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    rule_files: [...ruleFiles],
    scrape_configs: options.scrapeJobs.map((job) => ({ job_name: job.job, static_configs: [{ targets: [...job.targets] }] })),
    ...(options.alertmanager ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [options.alertmanager] }] }] } } : {}),
  };
  return `# Written by firedrill for environment ${options.envId}\n${stringify(config)}`;
}
