import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { defaultRunbookPath } from '../../src/runbook/load-runbook.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { defaultAlertmanagerConfig } from '../../src/runtime/local/alertmanager-server.ts';

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

describe('fixtures/prometheus/alertmanager/alertmanager.yml', () => {
  it('is a valid Alertmanager config (amtool check-config)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-amtool-'));
    try {
      const config = join(dir, 'alertmanager.yml');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell/config placeholder, not a template
      await writeFile(config, (await readFile(defaultAlertmanagerConfig, 'utf8')).replaceAll('${WEBHOOK_URL}', 'http://127.0.0.1:9'));
      const result = await execa('amtool', ['check-config', config], { reject: false, all: true });
      expect(result.exitCode, `amtool check-config:\n${result.all}`).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("pages the runbook's primary on-call schedule and tickets its Slack handle", async () => {
    const primary = (await runbookContacts()).get('Primary on-call (SRE)');
    expect(primary, 'RUNBOOK.md contacts: no "Primary on-call (SRE)" row').toBeDefined();
    const config = await readFile(defaultAlertmanagerConfig, 'utf8');
    expect(config).toContain(`url: \${WEBHOOK_URL}/pagerduty/${primary!.pagerduty}`);
    expect(config).toContain(`url: \${WEBHOOK_URL}/slack/${primary!.slack}`);
  });
});
