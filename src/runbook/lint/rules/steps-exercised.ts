import { defineRule } from '../rule.ts';

export const stepsExercised = defineRule({
  id: 'steps-exercised',
  description: 'Every executable step runs in at least one scenario, so it is known to work (`firedrill list --coverage`)',
  severity: 'warning',
  check(runbook, context) {
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
