import type { Runbook } from '../../runbook.ts';
import { defineRule, type RuleFinding } from '../rule.ts';

/** A runbook without a step is one no drill can run: nothing in it is known to work. */
function noSteps(runbook: Runbook, ruleId: string): RuleFinding {
  return {
    ruleId,
    line: 1,
    severity: 'error',
    message: `${runbook.file} has no executable step (${runbook.blocks.length} code block(s), none with an id): tag each command block the drills run, e.g. \`\`\`bash {id=redis.restart}`,
  };
}

export const stepsExercised = defineRule({
  id: 'steps-exercised',
  description:
    'The runbook has executable steps, and every one runs in at least one scenario, so it is known to work (`firedrill list --coverage`)',
  severity: 'warning',
  check(runbook, context) {
    if (runbook.steps.length === 0) return [noSteps(runbook, this.id)];
    const exercised = context.exercisedSteps;
    if (exercised === undefined) return [];
    const seen = new Set<string>();
    return runbook.steps
      .filter((step) => !exercised.has(step.id) && !seen.has(step.id) && seen.add(step.id))
      .map((step) => ({
        ruleId: this.id,
        line: step.line,
        message: `step "${step.id}" runs in no scenario: only this linter protects it; exercise it in a scenario (firedrill list --coverage)`,
      }));
  },
});
