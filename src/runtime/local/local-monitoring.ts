/**
 * Monitoring for a local environment: the webhook receiver in-process, then
 * Alertmanager ∥ Prometheus as tagged daemons in the sandbox (Prometheus only
 * needs Alertmanager's port, allocated up front; it retries until it answers).
 * Nothing waits on the services: Prometheus scrapes them once they listen.
 */
import { rulesFilesIn } from '../alert-rules.ts';
import { startWebhookReceiver } from '../webhook-receiver.ts';
import { scrapeJobs, type Monitoring } from '../monitoring.ts';
import type { AtsPorts } from './ats-services.ts';
import { startAlertmanager } from './alertmanager-server.ts';
import { freePort } from './ports.ts';
import { startPrometheus } from './prometheus-server.ts';

export async function startLocalMonitoring(dir: string, envId: string, ports: AtsPorts, alertRulesDir: string): Promise<Monitoring> {
  const ruleFiles = await rulesFilesIn(alertRulesDir);
  const [receiver, amPort, promPort] = await Promise.all([startWebhookReceiver(), freePort(), freePort()]);
  const started = await Promise.allSettled([
    startAlertmanager({ dir, envId, port: amPort, webhookUrl: receiver.url }),
    startPrometheus({ dir, envId, port: promPort, scrapeJobs: scrapeJobs(ports), ruleFiles, alertmanager: `127.0.0.1:${amPort}` }),
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
