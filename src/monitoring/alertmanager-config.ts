/**
 * The Alertmanager config an environment runs with, written from the
 * config's routes: each contact becomes a receiver posting to firedrill's
 * webhook recorder at a path that names it (`pagerduty:P7X2K9Q` →
 * `<recorder>/pagerduty/P7X2K9Q`), so a scenario can check who would have
 * been paged. Routes are tried in order; what none matches goes to the
 * default contact: nothing is dropped silently. Production swaps the
 * webhook_configs for pagerduty_configs and slack_configs.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SystemConfig } from '../config/config-schema.ts';

type AlertmanagerRouting = SystemConfig['monitoring']['alertmanager'];

/** `pagerduty:P7X2K9Q` → `pagerduty-P7X2K9Q`, a receiver name Alertmanager accepts. */
const receiverName = (contact: string) => contact.replace(':', '-').replace(/[^\w.-]/g, '');
/** `slack:@sre-team` → `/slack/@sre-team`: the path the recorder files the page under. */
const contactPath = (contact: string) => `/${contact.replace(':', '/')}`;

export function alertmanagerConfig(routing: AlertmanagerRouting, webhookUrl: string): object {
  const contacts = [...new Set([routing.defaultContact, ...routing.routes.map((route) => route.contact)])];
  return {
    route: {
      receiver: receiverName(routing.defaultContact),
      group_by: ['alertname'],
      group_wait: '0s',
      group_interval: '1s',
      repeat_interval: '4h',
      routes: routing.routes.map((route) => ({ matchers: [...route.matchers], receiver: receiverName(route.contact) })),
    },
    receivers: contacts.map((contact) => ({
      name: receiverName(contact),
      webhook_configs: [{ url: `${webhookUrl}${contactPath(contact)}`, send_resolved: true }],
    })),
  };
}

/** Writes `<home>/alertmanager.yml` (a local Alertmanager reads it; a container gets it mounted). */
export async function writeAlertmanagerConfig(
  home: string,
  options: { readonly envId: string; readonly webhookUrl: string; readonly routing: AlertmanagerRouting },
): Promise<string> {
  const configFile = join(home, 'alertmanager.yml');
  await writeFile(
    configFile,
    `# Written by firedrill for environment ${options.envId}, from the config's monitoring.alertmanager\n${stringify(alertmanagerConfig(options.routing, options.webhookUrl))}`,
  );
  return configFile;
}
