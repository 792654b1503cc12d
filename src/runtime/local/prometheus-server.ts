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
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { repoRoot } from '../../repo-root.ts';
import { startPrometheusDaemon, type PrometheusDaemon } from './prometheus-daemon.ts';

export const prometheusBin = process.env.FIREDRILL_PROMETHEUS_BIN ?? 'prometheus';
export const defaultRulesDir = join(repoRoot, 'fixtures', 'prometheus');

/**
 * Where the environments' alert rules come from: FIREDRILL_ALERT_RULES (a
 * directory of rules files, `firedrill run --alert-rules DIR`, how a reviewer
 * tries changed rules against the scenarios), else fixtures/prometheus.
 */
export function alertRulesDir(): string {
  return resolve(process.env.FIREDRILL_ALERT_RULES || defaultRulesDir);
}

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
  /** Rules files (absolute paths); default: the *.yml files of alertRulesDir(). */
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
  const ruleFiles = options.ruleFiles ?? (await rulesFilesIn(alertRulesDir()));
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

export async function rulesFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Alert rules directory ${dir} cannot be read (${error.code ?? error.message})`);
  });
  const files = names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0) throw new Error(`Alert rules directory ${dir} has no *.yml or *.yaml rules file`);
  return files;
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
