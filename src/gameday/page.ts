/**
 * The page: what Alertmanager sent to the environment's webhook receiver
 * (src/monitoring/webhook-receiver.ts, standing in for PagerDuty and Slack)
 * since the fault, as the on-call engineer's phone would show it. The alerts'
 * runbook annotations are left out: finding the section is part of the drill
 * (`--hint` gives it).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Notification, WebhookReceiver } from '../monitoring/webhook-receiver.ts';

/** Alertmanager sends one notification per group (alertname): the ones that came this long after the first are one page. */
const sameBurstMs = 1_000;

/**
 * The firing notifications received since `sinceT` (monotonic, performance.now()), waiting up to `timeoutMs` for the
 * first; empty when there is no receiver or nothing came.
 */
export async function awaitPage(receiver: WebhookReceiver | undefined, sinceT: number, timeoutMs: number): Promise<Notification[]> {
  if (!receiver) return [];
  const firing = (n: Notification) => n.status === 'firing' && n.t >= sinceT;
  const first = await receiver.waitFor(firing, Math.max(0, timeoutMs)).catch(() => undefined);
  if (!first) return [];
  await sleep(sameBurstMs);
  return receiver.notifications().filter(firing);
}

/** The page as lines: who was paged, then each firing alert with its labels and summary. */
export function pageLines(notifications: readonly Notification[]): string[] {
  if (notifications.length === 0) return ['No page came (no alert fired). A colleague calls: "something is wrong with trading".'];
  const contacts = [...new Set(notifications.map((n) => `${n.channel} ${n.contact}`))];
  const alerts = new Map(notifications.flatMap((n) => n.alerts.filter((a) => a.status === 'firing').map((a) => [a.alertname, a] as const)));
  return [
    `PAGE to ${contacts.join(', ')} at ${notifications[0]!.at}`,
    ...[...alerts.values()].map((alert) => {
      const { alertname: _, ...labels } = alert.labels;
      const shown = Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const summary = alert.annotations?.summary;
      return `  FIRING ${alert.alertname}${shown ? ` {${shown}}` : ''}${summary ? `: ${summary}` : ''}`;
    }),
  ];
}

/** The runbook sections the firing alerts point at (their `runbook_section` annotation), for the first hint. */
export function pagedSections(notifications: readonly Notification[]): string[] {
  return notifications.flatMap((n) => n.alerts.flatMap((a) => (a.annotations?.runbook_section ? [a.annotations.runbook_section] : [])));
}
