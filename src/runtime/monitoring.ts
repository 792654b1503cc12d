/**
 * What every environment runs to watch the system: Prometheus scraping the
 * Node services (rules from fixtures/prometheus, 1 s scrape and evaluation),
 * Alertmanager routing by severity, and the webhook receiver (in the harness
 * process) recording what would page whom. Shared by the runtimes.
 */
import type { WebhookReceiver } from './webhook-receiver.ts';
import type { ScrapeJob } from './local/prometheus-server.ts';

/** The services that serve /metrics, each its own scrape job. */
export const scrapedServices = ['exchange', 'order-gateway', 'market-data', 'risk', 'log-sink', 'log-shipper'] as const;

export function scrapeJobs(ports: Readonly<Record<(typeof scrapedServices)[number], number>>): ScrapeJob[] {
  return scrapedServices.map((job) => ({ job, targets: [`127.0.0.1:${ports[job]}`] }));
}

export interface MonitorInfo {
  readonly url: string;
  readonly port: number;
  readonly version: string;
  readonly pid?: number | undefined;
  /** Container runtimes. */
  readonly container?: string;
  readonly image?: { readonly name: string; readonly id: string };
}

export interface MonitoringInfo {
  readonly prometheus: MonitorInfo;
  readonly alertmanager: MonitorInfo;
  /** The webhook receiver standing in for PagerDuty and Slack. */
  readonly receiver: { readonly url: string };
}

export interface Monitoring {
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  readonly receiver: WebhookReceiver;
  describe(): Promise<MonitoringInfo>;
  /** Stops the daemons and closes the receiver; idempotent. */
  stop(): Promise<void>;
}
