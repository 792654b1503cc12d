/**
 * A real Alertmanager (Debian's prometheus-alertmanager) for one environment,
 * routing to the config's contacts through a webhook recorder
 * (src/monitoring/webhook-receiver.ts; config: src/monitoring/alertmanager-config.ts). Config, silences and log live in
 * the sandbox; the web API listens on loopback and clustering is off
 * (`--cluster.listen-address=`, else it would listen on 0.0.0.0:9094).
 *
 *   startAlertmanager({ dir, envId, port, webhookUrl, routing }) ──> AlertmanagerServer
 *   prometheus: startPrometheus({ …, alertmanager: `127.0.0.1:${am.port}` })
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SystemConfig } from '../../config/config-schema.ts';
import { writeAlertmanagerConfig } from '../../monitoring/alertmanager-config.ts';
import { startPrometheusDaemon, type PrometheusDaemon } from './prometheus-daemon.ts';

export const alertmanagerBin = process.env.FIREDRILL_ALERTMANAGER_BIN ?? 'prometheus-alertmanager';
export interface AlertmanagerOptions {
  /** A directory inside the environment's sandbox; Alertmanager gets `<dir>/alertmanager`. */
  readonly dir: string;
  readonly envId: string;
  readonly port: number;
  /** The recorder's base URL: each contact's receiver posts under it. */
  readonly webhookUrl: string;
  /** The config's monitoring.alertmanager: routes and the default contact. */
  readonly routing: SystemConfig['monitoring']['alertmanager'];
  readonly startTimeoutMs?: number;
}

export interface AlertmanagerServer extends PrometheusDaemon {
  readonly configFile: string;
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
