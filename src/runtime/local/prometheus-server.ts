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
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type ScrapeJob, writePrometheusConfig } from '../../monitoring/prometheus-config.ts';
import { startPrometheusDaemon, type PrometheusDaemon } from './prometheus-daemon.ts';

export const prometheusBin = process.env.FIREDRILL_PROMETHEUS_BIN ?? 'prometheus';

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
