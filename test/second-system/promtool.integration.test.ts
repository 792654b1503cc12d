import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { lintRules } from '../../src/runbook/lint/rules/index.ts';
import { promtool, testChangedRules } from '../support/promtool.ts';

// The second system's alert rules (fixtures/second-system/prometheus), as
// test/prometheus/promtool.integration.test.ts checks the reference system's:
// Prometheus loads them, their promtool tests pass, and fail when a threshold
// or a `for` is changed; each alert is routed and points at a runbook section.
const dir = join(repoRoot, 'fixtures', 'second-system');
const rulesDir = join(dir, 'prometheus');
const rulesFile = join(rulesDir, 'desk-alerts.yml');
const testFile = join(rulesDir, 'tests', 'desk-alerts.test.yml');

interface AlertRule {
  alert: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('fixtures/second-system alert rules', () => {
  it('pass promtool check rules and their promtool unit tests', async () => {
    const checked = await promtool('check', 'rules', rulesFile);
    expect(checked.ok, checked.output).toBe(true);
    const tested = await promtool('test', 'rules', testFile);
    expect(tested.ok, tested.output).toBe(true);
  });

  it('test every alert, each with a severity the config routes and a section of its own runbook', async () => {
    const document = parse(await readFile(rulesFile, 'utf8')) as { groups: { rules: AlertRule[] }[] };
    const rules = document.groups.flatMap((group) => group.rules);
    const tested = new Set([...(await readFile(testFile, 'utf8')).matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    const sections = new Set((await readRunbook(join(dir, 'RUNBOOK.md'))).sections.map((section) => section.id));
    expect(rules.map((rule) => rule.alert)).toEqual(['CacheDown', 'TickerDown', 'TickerCacheDown']);
    for (const rule of rules) {
      expect(tested, `alert ${rule.alert} has no promtool test`).toContain(rule.alert);
      expect(['page', 'ticket'], `alert ${rule.alert}: severity`).toContain(rule.labels?.severity);
      expect(sections, `alert ${rule.alert}: runbook_section`).toContain(rule.annotations?.runbook_section);
      expect(rule.annotations?.runbook_url).toBe(`fixtures/second-system/RUNBOOK.md#${rule.annotations?.runbook_section}`);
    }
  });

  it.each([
    ['CacheDown', 'expr: book_redis_up == 0\n        for: 5s', 'expr: book_redis_up == 0\n        for: 4s'],
    ['CacheDown', 'expr: book_redis_up == 0', 'expr: book_redis_up < 0'],
    ['TickerDown', 'up{job="ticker"} == 0\n        for: 10s', 'up{job="ticker"} == 0\n        for: 11s'],
    ['TickerDown', 'up{job="ticker"}', 'up'],
    ['TickerCacheDown', 'for: 1m', 'for: 30s'],
  ])('fail their unit tests when %s is changed (%s → %s)', async (alert, original, mutated) => {
    const { ok, output } = await testChangedRules(rulesFile, testFile, original, mutated);
    expect(ok, `promtool passed with ${alert}'s "${original}" changed to "${mutated}"`).toBe(false);
    expect(output).toContain(alert);
  });

  it('pass firedrill lint-runbook --config on its own runbook, its rules and its scenarios; a threshold out of step is an error', async () => {
    const lintRunbook = (...args: string[]) =>
      execa(
        process.execPath,
        [join(repoRoot, 'src', 'cli', 'main.ts'), 'lint-runbook', '--config', join(dir, 'firedrill.config.ts'), ...args],
        {
          cwd: repoRoot,
          reject: false,
        },
      );
    const clean = await lintRunbook();
    expect([clean.exitCode, clean.stdout.trim()], clean.stderr).toEqual([
      0,
      `fixtures/second-system/RUNBOOK.md: no findings (${lintRules.length} rules)`,
    ]);
    const temp = await mkdtemp(join(tmpdir(), 'firedrill-lint-'));
    try {
      const runbook = (await readFile(join(dir, 'RUNBOOK.md'), 'utf8')).replace(
        '(`book_redis_up` is 0) | 5 s |',
        '(`book_redis_up` is 0) | 6 s |',
      );
      await writeFile(join(temp, 'RUNBOOK.md'), runbook);
      const changed = await lintRunbook(join(temp, 'RUNBOOK.md'));
      expect(changed.exitCode).toBe(1);
      expect(changed.stdout).toContain(
        'alert-thresholds alert "CacheDown" disagrees with fixtures/second-system/prometheus/desk-alerts.yml:14: the runbook says for 6 s',
      );
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });
});
