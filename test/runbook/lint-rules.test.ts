import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTargets, lint, lintContext, lintRunbook } from '../../src/runbook/lint/lint.ts';
import type { LintContext } from '../../src/runbook/lint/rule.ts';
import { lintRules, type LintRuleId } from '../../src/runbook/lint/rules/index.ts';
import { parseRunbook, readRunbook } from '../../src/runbook/parse.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const noRules: LintContext = { prometheusAlerts: [], prometheusFiles: [], targets: defaultTargets };
const fence = (info: string, ...code: string[]) => `\`\`\`${info}\n${code.join('\n')}\n\`\`\`\n`;

/** The findings of one rule on a Markdown text, as "line message". */
function findings(ruleId: LintRuleId, markdown: string, context: LintContext = noRules): string[] {
  return lint(parseRunbook(markdown, 'draft.md'), context)
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.line} ${f.message}`);
}

describe('the fixture runbook', () => {
  it('lints clean against every rule', async () => {
    expect(await lintRunbook(await readRunbook('fixtures/runbook/RUNBOOK.md'))).toEqual([]);
  });

  it('every rule has an id, a description and a severity, ids unique', () => {
    const ids = lintRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of lintRules) expect(rule.description.length).toBeGreaterThan(20);
  });
});

describe('version-header', () => {
  it('passes semver and a SHA', () =>
    expect(findings('version-header', '# R\n\n**Version**: 1.1.0 · **Matches commit**: 917321d\n')).toEqual([]));
  it('fails a missing header, a non-semver version and a non-hex commit', () => {
    expect(findings('version-header', '# R\n')).toEqual([
      expect.stringMatching(/^1 no version in the header/),
      expect.stringMatching(/^1 no commit SHA in the header/),
    ]);
    expect(findings('version-header', '# R\n\n**Version**: v1.1 · **Matches commit**: main\n')).toEqual([
      '3 version "v1.1" is not semver (MAJOR.MINOR.PATCH, e.g. 1.1.0)',
      '3 commit "main" is not a git SHA (7 to 40 hex digits)',
    ]);
  });
});

describe('routable-contacts', () => {
  it('passes a Slack handle and a PagerDuty schedule', () =>
    expect(findings('routable-contacts', '# R\n\n## Contacts\n\nPage `PQ4M8TZ`, then `@sre-team`.\n')).toEqual([]));
  it('fails a team name, a missing schedule, and a missing section', () => {
    expect(findings('routable-contacts', '# R\n\n## On-call\n\nSlack @sre-team.\n')).toEqual([
      expect.stringMatching(/^3 section "On-call" names no PagerDuty schedule ID/),
    ]);
    expect(findings('routable-contacts', '# R\n\n## Contacts and escalation\n\nCall the Trading Ops Team.\n')).toEqual([
      '3 section "Contacts and escalation" names no Slack handle (e.g. @sre-team) and no PagerDuty schedule ID (e.g. P7X2K9Q): name who gets paged, not a team',
    ]);
    expect(findings('routable-contacts', '# R\n')).toEqual([expect.stringMatching(/^1 no "Contacts and escalation" section/)]);
  });
});

describe('health-check-fail-fast', () => {
  it('passes set -euo pipefail and curl -sSf / --fail', () => {
    expect(
      findings(
        'health-check-fail-fast',
        `# R\n\n## Health check\n\n${fence('bash', 'set -euo pipefail', 'curl -sSf "$ATS_URL/healthz"', 'curl --fail -s "$RISK_URL/healthz" | head')}`,
      ),
    ).toEqual([]);
  });
  it('fails a health check without strict mode or with curl lacking -f', () => {
    expect(
      findings(
        'health-check-fail-fast',
        `# R\n\n${fence('bash {id=health.api}', 'curl -s "$ATS_URL/healthz"', 'curl -fsS "$RISK_URL/healthz"')}`,
      ),
    ).toEqual([
      '3 health check without `set -euo pipefail`: add it as the first line, or a failing command is ignored',
      '4 curl without -f in a health check: an HTTP 500 would pass; use `curl -sSf`',
    ]);
  });
  it('does not apply to a block that is not a health check', () =>
    expect(
      findings(
        'health-check-fail-fast',
        `# R\n\n## Latency\n\n${fence('bash', 'curl -s "$ATS_URL/metrics" | grep latency', 'echo "gateway view: $(curl -s "$ATS_URL/readyz")"')}`,
      ),
    ).toEqual([]));
});

describe('redis-cli-port', () => {
  it('passes -p and -u', () =>
    expect(
      findings(
        'redis-cli-port',
        `# R\n\n${fence('bash', 'redis-cli -p "$REDIS_PORT" ping | grep -q PONG', 'redis-cli -u "redis://127.0.0.1:$REDIS_PORT" info', '# redis-cli in a comment is prose')}`,
      ),
    ).toEqual([]));
  it('fails a redis-cli that relies on the default port, even after one that names it', () => {
    expect(findings('redis-cli-port', `# R\n\n${fence('bash', 'redis-cli ping', 'redis-cli -p 6380 ping && redis-cli DEL x')}`)).toEqual([
      expect.stringMatching(/^4 redis-cli without -p/),
      expect.stringMatching(/^5 redis-cli without -p/),
    ]);
  });
});

describe('guarded-rate-gate-reset', () => {
  const guarded = fence(
    'bash {id=rate-gate.reset}',
    'code=$(curl -s -o /dev/null -w "%{http_code}" "$EXCHANGE_URL/api/v1/ping" || true)',
    'if [ "$code" = 418 ] || [ "$code" = 429 ]; then',
    '  redis-cli -p "$REDIS_PORT" DEL rategate:mock:bucket rategate:mock:strikes',
    'fi',
  );
  it('passes a reset behind a check that the exchange is blocking', () =>
    expect(findings('guarded-rate-gate-reset', `# R\n\n${guarded}`)).toEqual([]));
  it('fails an unguarded reset, and one whose check comes after it', () => {
    expect(
      findings(
        'guarded-rate-gate-reset',
        `# R\n\n${fence('bash', 'redis-cli -p "$REDIS_PORT" DEL rategate:mock:bucket rategate:mock:strikes')}`,
      ),
    ).toEqual([expect.stringMatching(/^4 rate-gate reset without a guard/)]);
    expect(
      findings(
        'guarded-rate-gate-reset',
        `# R\n\n${fence('bash', 'redis-cli -p "$REDIS_PORT" UNLINK rategate:mock:strikes', 'curl -s "$EXCHANGE_URL/api/v1/ping"')}`,
      ),
    ).toHaveLength(1);
  });
});

describe('no-pm2-restart-all', () => {
  it('passes pm2 reload <name> and a warning in prose', () =>
    expect(
      findings(
        'no-pm2-restart-all',
        `# R\n\nNever run \`pm2 restart all\`.\n\n${fence('bash', 'pm2 reload order-gateway', '# not pm2 restart all')}`,
      ),
    ).toEqual([]));
  it('fails pm2 restart all in a command', () =>
    expect(findings('no-pm2-restart-all', `# R\n\n${fence('bash', 'pm2 restart all')}`)).toEqual([
      expect.stringMatching(/^4 `pm2 restart all` restarts every service/),
    ]));
});

describe('no-iptables', () => {
  it('passes ufw and "not iptables" in prose', () =>
    expect(
      findings(
        'no-iptables',
        `# R\n\nUse ufw, not iptables.\n\n${fence('bash', 'sudo ufw allow from 10.0.0.1 to any port 5432 proto tcp')}`,
      ),
    ).toEqual([]));
  it('fails an iptables command', () =>
    expect(findings('no-iptables', `# R\n\n${fence('bash', 'sudo iptables -A INPUT -p tcp --dport 5432 -j ACCEPT')}`)).toEqual([
      expect.stringMatching(/^4 raw iptables command; use ufw/),
    ]));
});

describe('no-literal-credentials', () => {
  it('passes variables, command substitutions and placeholders', () => {
    const code = fence(
      'bash',
      'export PGPASSWORD="$(op read \'op://trading/pg/password\')"',
      'PGPASSWORD=$PGPASSWORD psql -c "select 1"',
      'redis-cli -p "$REDIS_PORT" -a "$REDIS_PASSWORD" ping',
      'psql "postgres://ats:<password>@db/ats"',
    );
    expect(
      findings(
        'no-literal-credentials',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell/config placeholder, not a template
        `# R\n\nThe password: from 1Password.\n\n${code}${fence('conf', 'requirepass ${REDIS_PASSWORD}')}`,
      ),
    ).toEqual([]);
  });
  it('fails literal passwords and default credentials, without repeating them', () => {
    const code = fence(
      'bash',
      'export PGPASSWORD=hunter2',
      'psql "postgres://postgres:postgres@127.0.0.1/ats"',
      'redis-cli -p 6379 -a foobared ping',
    );
    const result = findings(
      'no-literal-credentials',
      `# R\n\nConnect with password=changeme.\n\n${code}${fence('conf', 'requirepass foobared')}`,
    );
    expect(result).toEqual([
      expect.stringMatching(/^3 literal credential \(password\)/),
      expect.stringMatching(/^6 literal credential \(PGPASSWORD\); read it from the secret manager/),
      expect.stringMatching(/^7 literal credential \(password in a URL\)/),
      expect.stringMatching(/^8 literal credential \(-a\)/),
      expect.stringMatching(/^11 literal credential \(requirepass\)/),
    ]);
    expect(result.join('\n')).not.toMatch(/hunter2|foobared|changeme/);
  });
});

describe('recovery-targets', () => {
  it('passes sections stating 30 minutes and 30 seconds', () => {
    expect(findings('recovery-targets', '# R\n\n## Disaster recovery\n\nA 30-minute target.\n\n## Rollback\n\nUnder 30 s.\n')).toEqual([]);
  });
  it('fails a missing target, a wrong one and a missing section', () => {
    expect(findings('recovery-targets', '# R\n\n## Disaster recovery\n\nRestore within 4 hours.\n')).toEqual([
      '1 no rollback section: add one stating its target (30 seconds)',
      '3 section "Disaster recovery" does not state the disaster recovery target: write "Target: 30 minutes"',
    ]);
  });
});

describe('alert-thresholds', () => {
  const table =
    '# R\n\n## Alert thresholds\n\n| alert | fires when | for |\n| --- | --- | --- |\n| `LokiIngestionLagHigh` | lag > 30 s | 2 min |\n| `HostMemoryHigh` | memory > 85 % | 5 min |\n| `SharpeRatioLow` | Sharpe < 0 while drawdown > 5 % | 15 min |\n';
  const rulesYaml = (memory: string) => `groups:
  - name: ats
    rules:
      - alert: LokiIngestionLagHigh
        expr: max(loki_ingestion_lag_seconds) > 30
        for: 2m
      - alert: HostMemoryHigh
        expr: 1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes > ${memory}
        for: 5m
      - alert: SharpeRatioLow
        expr: risk_sharpe_ratio < 0 and risk_drawdown_ratio > 0.05
        for: 15m
`;
  async function contextWith(yaml: string): Promise<LintContext> {
    const dir = await testTempDir('prom');
    await writeFile(join(dir, 'alerts.yml'), yaml);
    return lintContext({ prometheusDir: dir });
  }

  it('reports nothing without a rules file', async () => {
    expect(findings('alert-thresholds', table, await lintContext({ prometheusDir: '/nonexistent' }))).toEqual([]);
  });
  it('passes when the runbook and the rules agree (85 % = 0.85, 30 s = 30, 2 min = 2m)', async () => {
    expect(findings('alert-thresholds', table, await contextWith(rulesYaml('0.85')))).toEqual([]);
  });
  it('fails a threshold that differs, naming both places', async () => {
    const result = findings('alert-thresholds', table, await contextWith(rulesYaml('0.9')));
    expect(result).toEqual([
      expect.stringMatching(
        /^8 alert "HostMemoryHigh" disagrees with .*alerts\.yml:7: the runbook says 85 %, the rule's expr is `.* > 0\.9`; make them agree$/,
      ),
    ]);
  });
  it('fails an alert missing from the rules and a different for', async () => {
    const yaml = rulesYaml('0.85').replace('alert: SharpeRatioLow', 'alert: SharpeLow').replace('for: 2m', 'for: 1m');
    expect(findings('alert-thresholds', table, await contextWith(yaml))).toEqual([
      expect.stringMatching(/^7 alert "LokiIngestionLagHigh" disagrees .*the runbook says for 2 min, the rule's for is 60 s/),
      expect.stringMatching(/^9 alert "SharpeRatioLow" is not defined in .*alerts\.yml: add it there or correct the name$/),
    ]);
  });
  it('an invalid rules file is a prometheus-rules-load finding naming it and the line, and its alerts are left out', async () => {
    const invalid = await contextWith('groups:\n  - name: [unclosed\n');
    expect(invalid.prometheusAlerts).toEqual([]);
    expect(findings('prometheus-rules-load', table, invalid)).toEqual([expect.stringMatching(/^\d+ not valid YAML/)]);
    expect(invalid.prometheusProblems?.[0]?.file).toMatch(/alerts\.yml$/);
    const notRules = await contextWith('rules: []\n');
    expect(findings('prometheus-rules-load', table, notRules)).toEqual([
      '1 not a Prometheus rules file: expected a top-level `groups:` list',
    ]);
  });
});

describe('steps-exercised', () => {
  const runbook = `# R\n\n## Redis\n\n${fence('bash {id=redis.restart}', 'redis-server "$REDIS_CONF"')}\n${fence('bash {id=redis.restart runtime=docker}', 'docker start "$REDIS_CONTAINER"')}\n## PM2\n\n${fence('bash {id=pm2.status}', 'pm2 status')}`;
  it('reports nothing when nobody said which steps the scenarios run', () => expect(findings('steps-exercised', runbook)).toEqual([]));
  it('warns once for each step no scenario runs, at its first block', () => {
    const context = { ...noRules, exercisedSteps: new Set(['redis.restart']) };
    expect(findings('steps-exercised', runbook, context)).toEqual([
      '15 step "pm2.status" runs in no scenario: only this linter protects it; exercise it in a scenario (firedrill list --coverage)',
    ]);
    const none = { ...noRules, exercisedSteps: new Set<string>() };
    expect(findings('steps-exercised', runbook, none).map((f) => f.split(' ')[0])).toEqual(['5', '15']);
    expect(lint(parseRunbook(runbook, 'draft.md'), none).find((f) => f.ruleId === 'steps-exercised')?.severity).toBe('warning');
  });
});
