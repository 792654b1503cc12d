import { defineRule, type Severity } from '../rule.ts';
import type { ShellcheckLevel } from '../shellcheck/shellcheck-comments.ts';

/** ShellCheck's levels as SARIF's: its errors fail the lint, its warnings are warnings, the rest notes. */
const severityOf: Readonly<Record<ShellcheckLevel, Severity>> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/** ShellCheck's findings, each under its own code (SC2086) at its runbook line and column; the context ran it (lint.ts). */
export const shellcheck = defineRule({
  id: 'shellcheck',
  description:
    "ShellCheck finds nothing in the runbook's bash and sh blocks: each finding is reported under its code (SC2086), and its errors fail the lint",
  severity: 'error',
  check(_runbook, context) {
    const outcome = context.shellcheck;
    if (outcome === undefined) return [];
    if ('unavailable' in outcome) return [{ ruleId: this.id, line: 1, message: outcome.unavailable }];
    return outcome.comments.map((comment) => ({
      ruleId: `SC${comment.code}`,
      severity: severityOf[comment.level],
      message: comment.message,
      line: comment.line,
      column: comment.column,
      endLine: comment.endLine,
      endColumn: comment.endColumn,
    }));
  },
});
