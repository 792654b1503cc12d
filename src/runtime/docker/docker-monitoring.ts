/**
 * Monitoring for a docker environment: Prometheus and Alertmanager as
 * containers of one image (Alertmanager by entrypoint override), host
 * networking on loopback ports; the webhook receiver in the harness process.
 * Their configs are written to `<sandbox>/monitoring` (mode 755: the image
 * runs as the prometheus user) and bind-mounted read-only at the same path,
 * with the alert rules directory (read-only, same path); their data stays in the container.
 * The containers carry the environment's labels: teardown removes them.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startWebhookReceiver } from '../../monitoring/webhook-receiver.ts';
import { freePort } from '../../host/ports.ts';
import { writeAlertmanagerConfig } from '../../monitoring/alertmanager-config.ts';
import { scrapeJobs, writePrometheusConfig } from '../../monitoring/prometheus-config.ts';
import type { Ports, Topology } from '../../topology/topology.ts';
import { rulesFilesIn } from '../../monitoring/alert-rules.ts';
import type { MonitorInfo, Monitoring } from '../../monitoring/monitoring.ts';
import { answersOk } from '../wait-for-http.ts';
import type { Container } from './container.ts';
import type { ContainerSpec } from './container-spec.ts';
import { imageVersion } from './image-versions.ts';
import { Ready } from './readiness.ts';
import { startContainer } from './start-container.ts';

/** The monitoring containers' roles (label firedrill.role): what a total loss of the system leaves running. */
export const monitoringRoles: readonly string[] = ['prometheus', 'alertmanager'];

export async function startDockerMonitoring(
  sandboxDir: string,
  envId: string,
  image: string,
  topology: Topology,
  ports: Ports,
  alertRulesDir: string,
  signal: AbortSignal,
): Promise<Monitoring> {
  const ruleFiles = await rulesFilesIn(alertRulesDir);
  const dir = join(sandboxDir, 'monitoring');
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
  const [receiver, amPort, promPort] = await Promise.all([startWebhookReceiver(), freePort(), freePort()]);
  try {
    const [{ configFile: promConfig }, amConfig] = await Promise.all([
      writePrometheusConfig(dir, { envId, scrapeJobs: scrapeJobs(topology, ports), ruleFiles, alertmanager: `127.0.0.1:${amPort}` }),
      writeAlertmanagerConfig(dir, { envId, webhookUrl: receiver.url, routing: topology.config.monitoring.alertmanager }),
    ]);
    const binds = [
      { source: dir, target: dir, mode: 'ro' as const },
      { source: resolve(alertRulesDir), target: resolve(alertRulesDir), mode: 'ro' as const },
    ];
    const spec = (role: string, port: number, rest: Pick<ContainerSpec, 'args' | 'entrypoint'>): ContainerSpec => ({
      envId,
      role,
      image,
      binds,
      ...rest,
      readiness: Ready.when(`${role} ready on http://127.0.0.1:${port}/-/ready`, () => answersOk(`http://127.0.0.1:${port}/-/ready`)),
    });
    const results = await Promise.allSettled([
      startContainer(
        spec('prometheus', promPort, {
          args: [
            `--config.file=${promConfig}`,
            '--storage.tsdb.path=/tmp/prometheus',
            '--storage.tsdb.retention.time=1d',
            `--web.listen-address=127.0.0.1:${promPort}`,
            '--web.enable-lifecycle',
            '--rules.alert.resend-delay=1000ms',
          ],
        }),
        signal,
      ),
      startContainer(
        spec('alertmanager', amPort, {
          entrypoint: ['prometheus-alertmanager'],
          args: [
            `--config.file=${amConfig}`,
            '--storage.path=/tmp/alertmanager',
            `--web.listen-address=127.0.0.1:${amPort}`,
            '--cluster.listen-address=',
          ],
        }),
        signal,
      ),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason; // a started container goes with the environment's teardown (by label)
    const [prometheus, alertmanager] = results.map((result) => (result as PromiseFulfilledResult<Container>).value) as [
      Container,
      Container,
    ];
    return monitoring(prometheus, promPort, alertmanager, amPort, receiver);
  } catch (error) {
    await receiver.close();
    throw error;
  }
}

function monitoring(
  prometheus: Container,
  promPort: number,
  alertmanager: Container,
  amPort: number,
  receiver: Monitoring['receiver'],
): Monitoring {
  const info = async (container: Container, port: number, command: string[]): Promise<MonitorInfo> => {
    const [pid, version] = await Promise.all([container.pid(), imageVersion(container, command)]);
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      version: version.match(/version (\S+)/)?.[1] ?? version,
      pid,
      container: container.name,
      image: { name: container.image.name, id: container.image.id },
    };
  };
  return {
    prometheusUrl: `http://127.0.0.1:${promPort}`,
    alertmanagerUrl: `http://127.0.0.1:${amPort}`,
    receiver,
    describe: async () => ({
      prometheus: await info(prometheus, promPort, ['prometheus', '--version']),
      alertmanager: await info(alertmanager, amPort, ['prometheus-alertmanager', '--version']),
      receiver: { url: receiver.url },
    }),
    stop: () => receiver.close(), // the containers go with the environment's, by label
  };
}
