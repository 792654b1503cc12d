/**
 * The Prometheus rules the runbook's thresholds are checked against must be
 * rules Prometheus loads: valid YAML, every rule with an `expr`, PromQL that
 * parses (src/prometheus/check-alert-rules.ts, the check `firedrill run
 * --alert-rules` makes before it starts). Each problem is a finding in the
 * rules file, at its line.
 */
import { defineRule } from '../rule.ts';

export const prometheusRulesLoad = defineRule({
  id: 'prometheus-rules-load',
  description:
    'The Prometheus rules files load: valid YAML, a `groups:` list, every rule with `alert` or `record` and an `expr`, PromQL and templates that promtool accepts.',
  severity: 'error',
  check(_runbook, context) {
    return (context.prometheusProblems ?? []).map((problem) => ({
      ruleId: 'prometheus-rules-load',
      message: problem.message,
      line: problem.line,
      file: problem.file,
    }));
  },
});
