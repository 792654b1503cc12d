import { durationsInText } from '../durations.ts';
import { sectionsTitled, sectionText } from '../code-lines.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import type { Runbook } from '../../runbook.ts';

function describeMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} minutes` : `${ms / 1000} seconds`;
}

/** One finding when no section titled like `title` states `targetMs`, or there is no such section. */
function checkTarget(runbook: Runbook, ruleId: string, what: string, title: RegExp, targetMs: number): RuleFinding[] {
  const sections = sectionsTitled(runbook, title);
  if (sections.length === 0)
    return [{ ruleId, line: 1, message: `no ${what} section: add one stating its target (${describeMs(targetMs)})` }];
  if (sections.some((section) => durationsInText(sectionText(runbook, section)).includes(targetMs))) return [];
  return [
    {
      ruleId,
      line: sections[0]!.line,
      message: `section "${sections[0]!.title}" does not state the ${what} target: write "Target: ${describeMs(targetMs)}"`,
    },
  ];
}

export const recoveryTargets = defineRule({
  id: 'recovery-targets',
  description: 'The disaster-recovery section states its 30-minute target and the rollback section its 30-second target',
  severity: 'error',
  check(runbook, context) {
    return [
      ...checkTarget(runbook, this.id, 'disaster recovery', /disaster[\s-]*recovery|\bDR\b/i, context.targets.disasterRecoveryMs),
      ...checkTarget(runbook, this.id, 'rollback', /rollback|roll back/i, context.targets.rollbackMs),
    ];
  },
});
