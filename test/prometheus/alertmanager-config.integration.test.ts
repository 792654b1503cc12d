import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadReferenceConfig } from '../../src/config/load-config.ts';
import { writeAlertmanagerConfig } from '../../src/monitoring/alertmanager-config.ts';
import { defaultRunbookPath } from '../../src/runbook/load-runbook.ts';
import { readRunbook } from '../../src/runbook/parse.ts';

/** The contacts table of RUNBOOK.md: role → its Slack handle and PagerDuty schedule. */
async function runbookContacts(): Promise<Map<string, { slack: string; pagerduty: string }>> {
  const runbook = await readRunbook(defaultRunbookPath);
  const table = runbook.tables.find((t) => t.section === 'contacts-and-escalation');
  if (!table) throw new Error(`${defaultRunbookPath}: no table in "Contacts and escalation"`);
  const column = (name: RegExp) => table.header.findIndex((cell) => name.test(cell));
  const [role, slack, pagerduty] = [column(/^role$/i), column(/slack/i), column(/pagerduty/i)];
  const code = (cell: string | undefined) => cell?.match(/`([^`]+)`/)?.[1] ?? '';
  return new Map(
    table.rows.map((row) => [row.cells[role]!.trim(), { slack: code(row.cells[slack]), pagerduty: code(row.cells[pagerduty]) }]),
  );
}

interface AlertmanagerYml {
  route: { receiver: string; routes: { matchers: string[]; receiver: string }[] };
  receivers: { name: string; webhook_configs: { url: string }[] }[];
}

/** The Alertmanager config the reference ATS's environments run with (its webhook recorder at http://127.0.0.1:9), written to a temp dir. */
async function withReferenceConfig(check: (file: string, yml: AlertmanagerYml) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-amtool-'));
  try {
    const { config } = await loadReferenceConfig();
    const file = await writeAlertmanagerConfig(dir, {
      envId: 'env-test',
      webhookUrl: 'http://127.0.0.1:9',
      routing: config.monitoring.alertmanager,
    });
    await check(file, parse(await readFile(file, 'utf8')) as AlertmanagerYml);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the Alertmanager config written from the reference config's routes", () => {
  it('is a valid Alertmanager config (amtool check-config)', async () => {
    await withReferenceConfig(async (file) => {
      const result = await execa('amtool', ['check-config', file], { reject: false, all: true });
      expect(result.exitCode, `amtool check-config:\n${result.all}`).toBe(0);
    });
  });

  it("pages the runbook's primary on-call schedule by default and for severity=page, and tickets its Slack handle", async () => {
    const primary = (await runbookContacts()).get('Primary on-call (SRE)');
    expect(primary, 'RUNBOOK.md contacts: no "Primary on-call (SRE)" row').toBeDefined();
    await withReferenceConfig(async (_, yml) => {
      const url = (receiver: string) => yml.receivers.find((r) => r.name === receiver)?.webhook_configs[0]?.url;
      const routed = (matcher: string) => url(yml.route.routes.find((route) => route.matchers.includes(matcher))!.receiver);
      expect(url(yml.route.receiver)).toBe(`http://127.0.0.1:9/pagerduty/${primary!.pagerduty}`);
      expect(routed('severity="page"')).toBe(`http://127.0.0.1:9/pagerduty/${primary!.pagerduty}`);
      expect(routed('severity="ticket"')).toBe(`http://127.0.0.1:9/slack/${primary!.slack}`);
    });
  });
});
