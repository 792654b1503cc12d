/**
 * A real Alertmanager (Debian's prometheus-alertmanager) for one environment,
 * routing by severity to the runbook's contacts through a webhook recorder
 * (src/runtime/webhook-receiver.ts). Config, silences and log live in
 * the sandbox; the web API listens on loopback and clustering is off
 * (`--cluster.listen-address=`, else it would listen on 0.0.0.0:9094).
 *
 *   startAlertmanager({ dir, envId, port, webhookUrl }) ──> AlertmanagerServer
 *   prometheus: startPrometheus({ …, alertmanager: `127.0.0.1:${am.port}` })
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../repo-root.ts';
import { startPrometheusDaemon, type PrometheusDaemon } from './prometheus-daemon.ts';

export const alertmanagerBin = process.env.FIREDRILL_ALERTMANAGER_BIN ?? 'prometheus-alertmanager';
export const defaultAlertmanagerConfig = join(repoRoot, 'fixtures', 'prometheus', 'alertmanager', 'alertmanager.yml');

export interface AlertmanagerOptions {
  /** A directory inside the environment's sandbox; Alertmanager gets `<dir>/alertmanager`. */
  readonly dir: string;
  readonly envId: string;
  readonly port: number;
  /** Replaces ${WEBHOOK_URL} in the config: the recorder's base URL. */
  readonly webhookUrl: string;
  /** A config with ${WEBHOOK_URL} placeholders; default fixtures/prometheus/alertmanager/alertmanager.yml. */
  readonly configTemplate?: string;
  readonly startTimeoutMs?: number;
}

export interface AlertmanagerServer extends PrometheusDaemon {
  readonly configFile: string;
}

/** Writes `<home>/alertmanager.yml` from the template (also used by the docker runtime, which mounts it). */
export async function writeAlertmanagerConfig(
  home: string,
  options: Pick<AlertmanagerOptions, 'envId' | 'webhookUrl' | 'configTemplate'>,
): Promise<string> {
  const template = options.configTemplate ?? defaultAlertmanagerConfig;
  const configFile = join(home, 'alertmanager.yml');
  const text = await readFile(template, 'utf8');
  await writeFile(
    configFile,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell/config placeholder, not a template
    `# From ${template}, written by firedrill for environment ${options.envId}\n${text.replaceAll('${WEBHOOK_URL}', options.webhookUrl)}`,
  );
  return configFile;
}

export async function startAlertmanager(options: AlertmanagerOptions): Promise<AlertmanagerServer> {
  const home = join(options.dir, 'alertmanager');
  await mkdir(join(home, 'data'), { recursive: true });
  const configFile = await writeAlertmanagerConfig(home, options);
  const daemon = await startPrometheusDaemon({
    name: 'Alertmanager',
    bin: alertmanagerBin,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${join(home, 'data')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      '--cluster.listen-address=',
    ],
    home,
    envId: options.envId,
    port: options.port,
    configFile,
    startTimeoutMs: options.startTimeoutMs,
  });
  return { ...daemon, configFile };
}
