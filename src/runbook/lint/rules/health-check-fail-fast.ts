/**
 * A health check fails when the service does: it turns on `set -euo
 * pipefail` (any spelling, strict-mode.ts) before its first command, and
 * every curl in it fails on an HTTP error status (-f, -sSf, --fail,
 * --fail-with-body). Health checks are recognised by what they do or what the
 * runbook calls them, wherever they sit (health-checks.ts).
 */
import { commandName } from '../../shell/command-name.ts';
import { curlFails } from '../curl-fails.ts';
import { type HealthCheck, healthChecks } from '../health-checks.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import { strictMode } from '../strict-mode.ts';

const flags: Record<string, string> = { errexit: '-e', nounset: '-u', pipefail: '-o pipefail' };

function strictModeFinding({ shell, because }: HealthCheck, ruleId: string): RuleFinding | null {
  const mode = strictMode(shell.script);
  if (mode.missing.length === 0) return null;
  const subject = because ? `health check (${because})` : 'health check';
  if (mode.setLine !== null)
    return {
      ruleId,
      line: mode.setLine,
      message: `${subject} turns on strict mode without ${mode.missing.map((o) => flags[o]).join(', ')}: write \`set -euo pipefail\` as its first line, or a failing command is ignored`,
    };
  if (mode.lateSetLine !== null)
    return {
      ruleId,
      line: mode.lateSetLine,
      message: `${subject}: \`set\` comes after its first command (line ${mode.firstCommandLine}); move \`set -euo pipefail\` to the first line, or a failure before it is ignored`,
    };
  return {
    ruleId,
    line: shell.block.line,
    message: `${subject} without \`set -euo pipefail\`: add it as the first line, or a failing command is ignored`,
  };
}

export const healthCheckFailFast = defineRule({
  id: 'health-check-fail-fast',
  description:
    'Health checks (a step id health…, a "Health check" section, a block that asks /healthz or /readyz) run with `set -euo pipefail` and call curl with -f (-sSf), so a failing service fails the check',
  severity: 'error',
  check(runbook) {
    const findings: RuleFinding[] = [];
    for (const check of healthChecks(runbook)) {
      const strict = strictModeFinding(check, this.id);
      if (strict) findings.push(strict);
      const lines = new Set(
        check.shell.sites.filter((s) => commandName(s.command) === 'curl' && !curlFails(s.command.args)).map((s) => s.command.line),
      );
      for (const line of lines)
        findings.push({ ruleId: this.id, line, message: 'curl without -f in a health check: an HTTP 500 would pass; use `curl -sSf`' });
    }
    return findings;
  },
});
