/**
 * What every environment runs to watch the system: Prometheus scraping the
 * services that serve metrics (prometheus-config.ts), Alertmanager routing
 * to the config's contacts (alertmanager-config.ts), and the webhook receiver
 * (in the harness process) recording what would page whom. Shared by the runtimes.
 */
import type { WebhookReceiver } from './webhook-receiver.ts';

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
