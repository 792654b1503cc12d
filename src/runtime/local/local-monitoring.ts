/**
 * Monitoring for a local environment: the webhook receiver in-process, then
 * Alertmanager ∥ Prometheus as tagged daemons in the sandbox (Prometheus only
 * needs Alertmanager's port, allocated up front; it retries until it answers).
 * Nothing waits on the services: Prometheus scrapes them once they listen.
 */
import { rulesFilesIn } from '../../monitoring/alert-rules.ts';
import { startWebhookReceiver } from '../../monitoring/webhook-receiver.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import { scrapeJobs } from '../../monitoring/prometheus-config.ts';
import type { Ports, Topology } from '../../topology/topology.ts';
import { startAlertmanager } from './alertmanager-server.ts';
import { freePort } from '../../host/ports.ts';
import { startPrometheus } from './prometheus-server.ts';

export async function startLocalMonitoring(
  dir: string,
  envId: string,
  topology: Topology,
  ports: Ports,
  alertRulesDir: string,
): Promise<Monitoring> {
  const ruleFiles = await rulesFilesIn(alertRulesDir);
  const [receiver, amPort, promPort] = await Promise.all([startWebhookReceiver(), freePort(), freePort()]);
  const started = await Promise.allSettled([
    startAlertmanager({ dir, envId, port: amPort, webhookUrl: receiver.url, routing: topology.config.monitoring.alertmanager }),
    startPrometheus({
      dir,
      envId,
      port: promPort,
      scrapeJobs: scrapeJobs(topology, ports),
      ruleFiles,
      alertmanager: `127.0.0.1:${amPort}`,
    }),
  ]);
  const [am, prom] = started;
  if (am.status === 'rejected' || prom.status === 'rejected') {
    await Promise.all([receiver.close(), ...started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined))]);
    throw (am.status === 'rejected' ? am.reason : (prom as PromiseRejectedResult).reason) as Error;
  }
  const alertmanager = am.value;
  const prometheus = prom.value;
  let stopped: Promise<void> | undefined;
  return {
    prometheusUrl: prometheus.url,
    alertmanagerUrl: alertmanager.url,
    receiver,
    describe: async () => ({
      prometheus: { url: prometheus.url, port: prometheus.port, version: prometheus.version, pid: prometheus.pid() },
      alertmanager: { url: alertmanager.url, port: alertmanager.port, version: alertmanager.version, pid: alertmanager.pid() },
      receiver: { url: receiver.url },
    }),
    stop() {
      stopped ??= Promise.all([prometheus.stop(), alertmanager.stop(), receiver.close()]).then(() => undefined);
      return stopped;
    },
  };
}
