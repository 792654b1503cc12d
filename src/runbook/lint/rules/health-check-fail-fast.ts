import { codeLines } from '../code-lines.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import type { CodeBlock, Runbook } from '../../runbook.ts';

const strictMode = /^\s*set\s+-(?=[a-z]*e)(?=[a-z]*u)[a-z]*o\s+pipefail\b/;
/** curl's fail flag: --fail (or --fail-with-body), or -f in a short-option cluster (-f, -sSf, -fsS). */
const curlFails = /(^|\s)(--fail(-with-body)?\b|-[a-zA-Z]*f[a-zA-Z]*\b)/;

/** Health-check blocks: a step id starting with `health`, or any shell block in a "Health check" section. */
function healthChecks(runbook: Runbook): CodeBlock[] {
  const sections = new Set(runbook.sections.filter((s) => /health[\s-]*check/i.test(s.title)).map((s) => s.id));
  return runbook.blocks.filter(
    (b) =>
      /^health\b/.test(b.attributes.id ?? '') ||
      (b.section !== null && sections.has(b.section) && ['bash', 'sh', 'shell'].includes(b.lang)),
  );
}

export const healthCheckFailFast = defineRule({
  id: 'health-check-fail-fast',
  description: 'Health checks run with `set -euo pipefail` and call curl with -f (-sSf), so a failing service fails the check',
  severity: 'error',
  check(runbook) {
    const findings: RuleFinding[] = [];
    for (const block of healthChecks(runbook)) {
      const lines = codeLines(block);
      if (!lines.some(({ text }) => strictMode.test(text))) {
        findings.push({
          ruleId: this.id,
          line: block.line,
          message: 'health check without `set -euo pipefail`: add it as the first line, or a failing command is ignored',
        });
      }
      for (const { text, line } of lines) {
        for (const call of text.matchAll(/\bcurl\b([^|;&)]*)/g)) {
          if (!curlFails.test(call[1] ?? ''))
            findings.push({ ruleId: this.id, line, message: 'curl without -f in a health check: an HTTP 500 would pass; use `curl -sSf`' });
        }
      }
    }
    return findings;
  },
});
