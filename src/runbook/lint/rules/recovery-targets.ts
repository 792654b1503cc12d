/**
 * The disaster-recovery and rollback sections state firedrill's targets, and
 * only those: every sentence naming a target (Target:, RTO) must give the
 * same duration, so a section cannot promise 45 minutes in one place and 30
 * in another. A section naming no target at all passes when its prose states
 * the duration somewhere ("Under 30 s."). Code is not prose: a step's
 * `timeout=30s` states nothing.
 */
import { durationsInText } from '../durations.ts';
import { proseIn, sectionsTitled } from '../code-lines.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import { targetStatements, withoutInlineCode } from '../target-statements.ts';
import type { Runbook } from '../../runbook.ts';

function describeMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} minutes` : `${ms / 1000} seconds`;
}

interface Target {
  readonly ruleId: string;
  readonly what: string;
  readonly title: RegExp;
  readonly ms: number;
}

function checkTarget(runbook: Runbook, target: Target): RuleFinding[] {
  const { ruleId, what, ms } = target;
  const sections = sectionsTitled(runbook, target.title);
  if (sections.length === 0) return [{ ruleId, line: 1, message: `no ${what} section: add one stating its target (${describeMs(ms)})` }];
  const prose = proseIn(runbook, sections);
  const statements = targetStatements(prose);
  const stated =
    statements.length > 0
      ? statements.some((s) => s.ms === ms)
      : prose.some((p) => durationsInText(withoutInlineCode(p.text)).includes(ms));
  if (!stated && statements.length === 0) {
    const { line, title } = sections[0]!;
    return [{ ruleId, line, message: `section "${title}" does not state the ${what} target: write "Target: ${describeMs(ms)}"` }];
  }
  const agreeing = statements.find((s) => s.ms === ms);
  const seen = new Set<number>();
  return statements
    .filter((s) => s.ms !== ms && !seen.has(s.line) && seen.add(s.line))
    .map((s) => ({
      ruleId,
      line: s.line,
      message: `"${s.text}" is stated as the ${what} target, but the target is ${describeMs(ms)}${agreeing ? ` (as line ${agreeing.line} says)` : ''}: state one target, ${describeMs(ms)}, everywhere`,
    }));
}

export const recoveryTargets = defineRule({
  id: 'recovery-targets',
  description:
    'The disaster-recovery section states its 30-minute target and the rollback section its 30-second target, and no other target beside them',
  severity: 'error',
  check(runbook, context) {
    const { disasterRecoveryMs, rollbackMs } = context.targets;
    return [
      ...checkTarget(runbook, {
        ruleId: this.id,
        what: 'disaster recovery',
        title: /disaster[\s-]*recovery|\bDR\b/i,
        ms: disasterRecoveryMs,
      }),
      ...checkTarget(runbook, { ruleId: this.id, what: 'rollback', title: /rollback|roll back/i, ms: rollbackMs }),
    ];
  },
});
