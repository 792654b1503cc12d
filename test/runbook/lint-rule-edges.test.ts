import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeLines, proseLines, sectionText } from '../../src/runbook/lint/code-lines.ts';
import { durationsInText, prometheusDurationSeconds } from '../../src/runbook/lint/durations.ts';
import { defaultTargets, lint, lintContext } from '../../src/runbook/lint/lint.ts';
import { readPrometheusAlerts, rulesFilesIn } from '../../src/runbook/lint/prometheus-rules.ts';
import type { LintContext, PrometheusAlert } from '../../src/runbook/lint/rule.ts';
import { alertThresholds } from '../../src/runbook/lint/rules/alert-thresholds.ts';
import type { LintRuleId } from '../../src/runbook/lint/rules/index.ts';
import { prometheusRulesLoad } from '../../src/runbook/lint/rules/prometheus-rules-load.ts';
import { parseRunbook } from '../../src/runbook/parse.ts';

const noRules: LintContext = { prometheusAlerts: [], prometheusFiles: [], targets: defaultTargets };
const fence = (info: string, ...code: string[]) => `\`\`\`${info}\n${code.join('\n')}\n\`\`\`\n`;
const findings = (ruleId: LintRuleId, markdown: string, context: LintContext = noRules) =>
  lint(parseRunbook(markdown, 'draft.md'), context)
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.line} ${f.message}`);

describe('alert-thresholds', () => {
  const alert = (name: string, expr: string, forSeconds?: number): PrometheusAlert => ({
    name,
    expr,
    ...(forSeconds === undefined ? {} : { forSeconds }),
    file: 'rules.yml',
    line: 4,
  });
  const context = (...alerts: PrometheusAlert[]): LintContext => ({
    ...noRules,
    prometheusAlerts: alerts,
    prometheusFiles: ['rules.yml', 'more.yml'],
  });
  const table = (header: string, ...rows: string[]) =>
    `# R\n\n## Alert thresholds\n\n${header}\n${header.replace(/[^|]+/g, ' --- ')}\n${rows.join('\n')}\n`;
  const check = (alerts: PrometheusAlert[], when: string, forCell = '') =>
    findings('alert-thresholds', table('| alert | fires when | for |', `| \`Alert\` | ${when} | ${forCell} |`), context(...alerts)).map(
      (f) => f.replace(/^\d+ alert "Alert" disagrees with rules\.yml:4: /, ''),
    );

  it('accepts a percentage written as a ratio, durations in the rule’s seconds, and the for', () => {
    expect(check([alert('Alert', 'mem_used_ratio > 0.85', 300)], 'memory used > 85 %', '5 min')).toEqual([]);
    expect(check([alert('Alert', 'mem_used_ratio >0.9')], 'memory used > 90%')).toEqual([]);
    expect(check([alert('Alert', 'latency_seconds > 120')], 'p99 above 2 min')).toEqual([]);
    expect(check([alert('Alert', 'latency_seconds > 0.5')], 'p99 above 500 ms')).toEqual([]);
    expect(check([alert('Alert', 'latency_seconds > 1.5')], 'p99 above 1.5 s')).toEqual([]);
    expect(check([alert('Alert', 'errors > 3')], 'errors > 3')).toEqual([]);
    expect(check([alert('Alert', 'up == bool  0')], 'up == 0')).toEqual([]);
    for (const expr of ['queue > 1e3', 'queue > 1E3', 'queue > 1e+3'])
      expect(check([alert('Alert', expr)], 'queue over 1000'), expr).toEqual([]);
    expect(check([alert('Alert', 'queue > 1e10')], 'queue over 10000000000')).toEqual([]);
  });

  it('tolerates a relative difference of 1e-9 (rounding), not more', () => {
    expect(check([alert('Alert', 'bytes > 1000000.0005')], 'bytes over 1000000')).toEqual([]);
    expect(check([alert('Alert', 'bytes > 1000001')], 'bytes over 1000000')).toHaveLength(1);
  });

  it('names each stated number the rule does not have, as written', () => {
    expect(check([alert('Alert', 'mem_used_ratio > 0.85')], 'memory used > 90%')).toEqual([
      "the runbook says 90%, the rule's expr is `mem_used_ratio > 0.85`; make them agree",
    ]);
    expect(check([alert('Alert', 'errors > 3')], 'errors > 300 (sustained)')).toEqual([
      "the runbook says 300, the rule's expr is `errors > 3`; make them agree",
    ]);
    expect(check([alert('Alert', 'latency_seconds > 2')], 'p99 above 2 min')).toEqual([
      "the runbook says 2 min, the rule's expr is `latency_seconds > 2`; make them agree",
    ]);
  });

  it('checks the for column: a different for, and one the rule does not set', () => {
    expect(check([alert('Alert', 'x > 1', 300)], 'x > 1', '10 min')).toEqual([
      "the runbook says for 10 min, the rule's for is 300 s; make them agree",
    ]);
    expect(check([alert('Alert', 'x > 1')], 'x > 1', '10 min')).toEqual([
      "the runbook says for 10 min, the rule's for is unset; make them agree",
    ]);
    expect(check([alert('Alert', 'x > 1')], 'x > 1', '—')).toEqual([]);
  });

  it('finds its columns by exact header, the for column even first, and a name in spaced backticks', () => {
    const rules = context(alert('HostMemoryHigh', 'mem > 0.85', 300));
    expect(
      findings('alert-thresholds', table('| for | alert name | threshold |', '| 10 min | ` HostMemoryHigh ` | 85 % |'), rules),
    ).toEqual([expect.stringContaining("the runbook says for 10 min, the rule's for is 300 s")]);
    expect(findings('alert-thresholds', table('| alert | fires when | before |', '| `HostMemoryHigh` | 85 % | 10 min |'), rules)).toEqual(
      [],
    );
    expect(findings('alert-thresholds', table('| alerting rule | fires when |', '| `Nope` | 85 % |'), rules)).toEqual([]);
    expect(findings('alert-thresholds', table('| team alert | fires when |', '| `Nope` | 85 % |'), rules)).toEqual([]);
    expect(findings('alert-thresholds', table('| alert | notes |', '| `Nope` | 85 % |'), rules)).toEqual([]);
  });

  it('names an alert the rules files lack, listing the files', () => {
    expect(findings('alert-thresholds', table('| alert | fires when |', '| `Nope` | 85 % |'), context(alert('Alert', 'x > 1')))).toEqual([
      '7 alert "Nope" is not defined in rules.yml, more.yml: add it there or correct the name',
    ]);
  });

  it('reads only tables in a section about alerts, and nothing without rules', () => {
    const elsewhere = '# R\n\n## Contacts\n\n| alert | fires when |\n| --- | --- |\n| `Nope` | 85 % |\n';
    expect(findings('alert-thresholds', elsewhere, context(alert('Alert', 'x > 1')))).toEqual([]);
    expect(alertThresholds.check(parseRunbook(table('| alert | fires when |', '| `Nope` | 85 % |'), 'draft.md'), noRules)).toEqual([]);
  });
});

describe('health-check-fail-fast', () => {
  const loose = fence('bash', 'curl -s "$ATS_URL/healthz"');
  const message = 'health check without `set -euo pipefail`: add it as the first line, or a failing command is ignored';

  it('checks shell blocks in a section titled health check, however spelled', () => {
    for (const title of ['Health check', 'Health-check', 'Healthcheck', 'Health  check'])
      expect(findings('health-check-fail-fast', `# R\n\n## ${title}\n\n${loose}`), title).toEqual([
        `5 ${message}`,
        expect.stringMatching(/^6 curl without -f/),
      ]);
    for (const lang of ['sh', 'shell'])
      expect(findings('health-check-fail-fast', `# R\n\n## Health check\n\n${fence(lang, 'true')}`), lang).toEqual([`5 ${message}`]);
    expect(findings('health-check-fail-fast', `# R\n\n## Health check\n\n${fence('python', 'import os')}`)).toEqual([]);
  });

  it('checks a step whose id starts with health anywhere, not one whose id merely contains it', () => {
    expect(findings('health-check-fail-fast', `# R\n\n## Redis\n\n${fence('bash {id=health.redis}', 'true')}`)).toEqual([`5 ${message}`]);
    expect(findings('health-check-fail-fast', `# R\n\n## Redis\n\n${fence('bash {id=db.health}', 'true')}`)).toEqual([]);
  });
});

describe('no-literal-credentials', () => {
  const on = (line: string) => findings('no-literal-credentials', `# R\n\n${fence('bash', line)}`).length;

  it('lets references, placeholders and masks through', () => {
    for (const line of [
      'password="$PW"',
      "password='<password>'",
      'password=***',
      'password=[REDACTED]',
      'password=""',
      'PGPASSWORD=$(op read x)',
    ])
      expect(on(line), line).toBe(0);
  });

  it('flags values that only start or end like one', () => {
    // Quoted: unquoted, bash reads `password=<pw>x` as an empty value and two redirections.
    for (const line of ['password=hunter2', 'password=ab$c', "password='<pw>x'", 'password=**x', 'password=[REDACTED]x'])
      expect(on(line), line).toBe(1);
  });
});

describe('redis-cli-port and no-pm2-restart-all', () => {
  it('refuses a port glued to -p and a -p after the command: redis-cli reads neither as the port (checked with redis-cli 7.0)', () => {
    expect(findings('redis-cli-port', `# R\n\n${fence('bash', 'redis-cli -p6379 ping', 'redis-cli ping -p')}`)).toEqual([
      expect.stringMatching(/^4 `-p6379` is not a redis-cli option \(it stops with "Unrecognized option"\): write `redis-cli -p 6379 …`$/),
      expect.stringMatching(/^5 redis-cli reads options only before the Redis command: `-p` after `ping` is sent to Redis/),
    ]);
  });

  it('finds pm2 restart all however it is spaced', () => {
    expect(findings('no-pm2-restart-all', `# R\n\n${fence('bash', 'pm2  restart   all')}`)).toHaveLength(1);
  });
});

describe('guarded-rate-gate-reset', () => {
  const reset = 'redis-cli -p "$REDIS_PORT" DEL rategate:mock:strikes';
  const probe = 'code=$(curl -s -o /dev/null -w "%{http_code}" "$EXCHANGE_URL/api/v1/ping")';
  const guard = 'if [ "$code" = 418 ] || [ "$code" = 429 ]; then';

  it('needs both the probe and the blocking condition before the reset', () => {
    expect(findings('guarded-rate-gate-reset', `# R\n\n${fence('bash', probe, guard, reset, 'fi')}`)).toEqual([]);
    expect(findings('guarded-rate-gate-reset', `# R\n\n${fence('bash', probe, reset)}`)).toHaveLength(1);
    expect(findings('guarded-rate-gate-reset', `# R\n\n${fence('bash', reset, probe, guard, 'fi')}`)).toHaveLength(1);
  });
});

describe('recovery-targets and prometheus-rules-load', () => {
  it('finds a disaster recovery section written with a spaced dash', () => {
    const runbook = '# R\n\n## Disaster - recovery\n\nTarget: 30 minutes.\n\n## Rollback\n\nTarget: 30 seconds.\n';
    expect(findings('recovery-targets', runbook)).toEqual([]);
  });

  it('reports nothing when no rules problems were gathered', () => {
    expect(prometheusRulesLoad.check(parseRunbook('# R\n', 'draft.md'), noRules)).toEqual([]);
  });
});

describe('durations in text', () => {
  it('reads durations with or without a space or dash, decimals included', () => {
    expect(durationsInText('< 30s, a 30-minute window, 1.5 minutes, 2 hrs, 1 day, 100 ms')).toEqual([
      30_000, 1_800_000, 90_000, 7_200_000, 86_400_000, 100,
    ]);
  });

  it('reads Prometheus durations whole, or not at all', () => {
    expect(prometheusDurationSeconds(' 1h30m ')).toBe(5400);
    expect(prometheusDurationSeconds('500ms')).toBe(0.5);
    expect(prometheusDurationSeconds('')).toBeUndefined();
    expect(prometheusDurationSeconds('5 min')).toBeUndefined();
  });
});

describe('code lines and prose lines', () => {
  const runbook = parseRunbook(
    `# R\n\n## Redis\n\nProse.\n\n${fence('bash', 'redis-cli -p 1 ping', '', '  # a comment', 'echo done')}\n${fence('python', '# not a comment', 'x = 1')}`,
    'draft.md',
  );

  it('skips blank lines, and comments in shell blocks only', () => {
    expect(codeLines(runbook.blocks[0]!).map(({ text, line }) => [line, text])).toEqual([
      [8, 'redis-cli -p 1 ping'],
      [11, 'echo done'],
    ]);
    expect(codeLines(runbook.blocks[1]!).map(({ text }) => text)).toEqual(['# not a comment', 'x = 1']);
  });

  it('leaves every fence line, closing ones included, out of the prose', () => {
    const prose = proseLines(runbook).map(({ line }) => line);
    expect(prose).toEqual([1, 2, 3, 4, 5, 6, 13]);
  });

  it("gives a section's text from its heading to its end", () => {
    expect(
      sectionText(parseRunbook('# R\n\n## A\n\none\n\n## B\n\ntwo\n', 'draft.md'), {
        id: 'a',
        title: 'A',
        level: 2,
        line: 3,
        endLine: 6,
        steps: [],
      }),
    ).toBe('## A\n\none\n');
  });
});

describe('Prometheus rules files', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const write = async (name: string, text: string) => writeFile(join(dir, name), text);

  it('lists the YAML files of a directory, sorted, and none for a missing one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-rules-'));
    for (const name of ['b.yml', 'a.yaml', 'c.yml.bak', 'd.txt']) await write(name, 'groups: []\n');
    expect(await rulesFilesIn(dir)).toEqual([join(dir, 'a.yaml'), join(dir, 'b.yml')]);
    expect(await rulesFilesIn(join(dir, 'missing'))).toEqual([]);
  });

  it('reads alerting rules with their line and for, skipping recording rules', async () => {
    const shipped = await readPrometheusAlerts(resolve('fixtures/prometheus/ats-alerts.yml'));
    expect(shipped.length).toBeGreaterThan(0);
    for (const a of shipped) expect(a.file).toBe('fixtures/prometheus/ats-alerts.yml');
    dir = await mkdtemp(join(tmpdir(), 'firedrill-rules-'));
    await write(
      'rules.yml',
      'groups:\n  - name: g\n    rules:\n      - record: x:rate\n        expr: rate(x[1m])\n      - alert: A\n        expr: x > 1\n        for: 1m30s\n      - alert: B\n',
    );
    const [a, b, ...rest] = await readPrometheusAlerts(join(dir, 'rules.yml'));
    expect(rest).toEqual([]);
    expect(a?.file).toBe(join(dir, 'rules.yml')); // outside the working dir: absolute, as the evidence shows files
    expect(a).toMatchObject({ name: 'A', expr: 'x > 1', forSeconds: 90, line: 6 });
    expect(b).toMatchObject({ name: 'B', expr: '', line: 9 });
    expect(b).not.toHaveProperty('forSeconds');
  });

  it('refuses a file that is not YAML, or not a rules file, naming the line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-rules-'));
    await write('broken.yml', 'groups:\n  - name: g\n    rules: [\n');
    await write('other.yml', 'scrape_configs: []\n');
    await expect(readPrometheusAlerts(join(dir, 'broken.yml'))).rejects.toThrow(/broken\.yml:\d+: not valid YAML: /);
    await expect(readPrometheusAlerts(join(dir, 'other.yml'))).rejects.toThrow(
      /other\.yml:1: not a Prometheus rules file: expected a top-level `groups:` list/,
    );
  });

  it('lintContext reads the loadable files and leaves the broken ones to prometheus-rules-load', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-rules-'));
    await write('good.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x > 1\n');
    await write('broken.yml', 'groups:\n  - name: g\n    rules: [\n');
    const context = await lintContext({ prometheusDir: dir });
    expect(context.prometheusAlerts.map((a) => a.name)).toEqual(['A']);
    expect(context.prometheusProblems?.length).toBeGreaterThan(0);
  });
});

describe('lint', () => {
  it('lists findings on one line in the registry’s rule order', () => {
    const runbook = parseRunbook(`# R\n\n${fence('bash', 'redis-cli -a hunter2 ping; pm2 restart all')}`, 'draft.md');
    const onLine = lint(runbook, noRules)
      .filter((f) => f.line === 4)
      .map((f) => f.ruleId);
    expect(onLine).toEqual(['redis-cli-port', 'no-pm2-restart-all', 'no-literal-credentials']);
  });
});
