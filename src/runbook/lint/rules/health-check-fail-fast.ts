/**
 * A health check fails when the service does: it turns on `set -euo
 * pipefail` (any spelling, strict-mode.ts) before its first command and does
 * not turn it off for good; every curl in it fails on an HTTP error status
 * (-f, -sSf, --fail, --fail-with-body, not undone by --no-fail) unless the
 * script tests the answer itself (answer-checked.ts); and no request's
 * failure is swallowed by `|| true` (swallowed-failures.ts) or by running in
 * a background job (`curl … &`, `timeout 5 curl … &`) when the script waits
 * for no job by its id (`wait "$pid"`, `wait -n`; a bare `wait` returns 0).
 * Health checks are recognised by what they do or what the runbook calls
 * them, wherever they sit (health-checks.ts).
 */
import { commandName } from '../../shell/command-name.ts';
import { answerChecked } from '../answer-checked.ts';
import { curlFails } from '../curl-fails.ts';
import { type HealthCheck, healthChecks } from '../health-checks.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import { strictMode } from '../strict-mode.ts';
import { swallowedFailures } from '../swallowed-failures.ts';

const flags: Record<string, string> = { errexit: '-e', nounset: '-u', pipefail: '-o pipefail' };
const requests = new Set(['curl', 'wget']);

function strictModeMessage({ shell, because }: HealthCheck): { line: number; message: string } | null {
  const mode = strictMode(shell.script);
  const subject = because ? `health check (${because})` : 'health check';
  if (mode.missing.length === 0 && mode.turnedOff)
    return {
      line: mode.turnedOff.line,
      message: `${subject} turns strict mode off (${mode.turnedOff.spelling}) and not back on: a failing command after it is ignored; drop it, or turn it back on right after the command it is for`,
    };
  if (mode.missing.length === 0) return null;
  if (mode.setLine !== null)
    return {
      line: mode.setLine,
      message: `${subject} turns on strict mode without ${mode.missing.map((o) => flags[o]).join(', ')}: write \`set -euo pipefail\` as its first line, or a failing command is ignored`,
    };
  if (mode.lateSetLine !== null)
    return {
      line: mode.lateSetLine,
      message: `${subject}: \`set\` comes after its first command (line ${mode.firstCommandLine}); move \`set -euo pipefail\` to the first line, or a failure before it is ignored`,
    };
  return {
    line: shell.block.line,
    message: `${subject} without \`set -euo pipefail\`: add it as the first line, or a failing command is ignored`,
  };
}

/** Requests that let a down service pass: curl without -f, a failure swallowed, a request nothing waits for. */
function requestMessages({ shell }: HealthCheck): { line: number; message: string }[] {
  const checked = answerChecked(shell.script);
  const swallowed = swallowedFailures(shell.script);
  const waitsForAJob = shell.sites.some(({ command }) => commandName(command) === 'wait' && command.args.length > 0);
  const found: { line: number; message: string }[] = [];
  for (const { command, background } of shell.sites) {
    const name = commandName(command);
    const report = (message: string) => found.push({ line: command.line, message });
    if (!requests.has(name)) continue;
    if (name === 'curl' && !curlFails(command.args) && !checked.has(command))
      report('curl without -f in a health check: an HTTP 500 would pass; use `curl -sSf`');
    const how = swallowed.get(command);
    if (how !== undefined) report(`${name}'s failure ${how}, or a down service passes the check`);
    if (background && !waitsForAJob)
      report(
        `${name} runs in the background (&) and nothing waits for it: a down service passes the check; run it in the foreground, or \`wait\` for it`,
      );
  }
  return found;
}

export const healthCheckFailFast = defineRule({
  id: 'health-check-fail-fast',
  description:
    'Health checks (a step id health…, a "Health check" section, a block that asks /healthz, /readyz, /-/healthy …) run with `set -euo pipefail` and call curl with -f (-sSf) or test the answer themselves, and never swallow a failed request (`|| true`, `&`), so a failing service fails the check',
  severity: 'error',
  check(runbook) {
    const findings = new Map<string, RuleFinding>();
    for (const check of healthChecks(runbook)) {
      const strict = strictModeMessage(check);
      for (const { line, message } of [...(strict ? [strict] : []), ...requestMessages(check)])
        findings.set(`${line}\0${message}`, { ruleId: this.id, line, message });
    }
    return [...findings.values()];
  },
});
