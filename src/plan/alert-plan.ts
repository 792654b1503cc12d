/**
 * A scenario's alert expectations against the rules its Prometheus will load:
 * every alert it expects to fire or to stay quiet is a rule there (a quiet
 * alert with a misspelt name would pass vacuously), and each one expected to
 * fire can, by the rule's own `for` (after the scenario's overrides), fire
 * within the time the scenario gives it: an alert turns firing no earlier
 * than `for` after its condition first holds.
 */
import { durationMs } from '../runtime/alert-rule-overrides.ts';
import type { PrometheusAlert } from '../runbook/lint/rule.ts';
import type { Scenario } from '../scenario/scenario.ts';

export interface AlertPlan {
  readonly alert: string;
  /** Expected firing within this, from injection; absent for an alert that must stay quiet. */
  readonly withinMs?: number;
  readonly labels?: Readonly<Record<string, string>>;
  /** `fixtures/prometheus/alerts.yml:12`; absent when no rule has that name. */
  readonly rule?: string;
  /** The `for` this scenario's Prometheus evaluates, in seconds: the rule's, or the override's. */
  readonly forSeconds?: number;
  /** Set when the scenario shortens the rule's `for`: to what, and why. */
  readonly override?: { readonly for: string; readonly reason: string };
}

export interface ScenarioAlertsPlan {
  readonly fire: readonly AlertPlan[];
  readonly quiet: readonly AlertPlan[];
}

/** The plan of `scenario`'s alerts against `rules`, and what does not resolve, each naming the scenario and field. */
export function planAlerts(scenario: Scenario, rules: readonly PrometheusAlert[], rulesDir: string) {
  const problems: string[] = [];
  const defined = [...new Set(rules.map((r) => r.name))].join(', ') || 'none';
  const resolve = (field: string, alert: string): AlertPlan => {
    const rule = rules.find((r) => r.name === alert);
    if (!rule) {
      problems.push(`${scenario.id}: ${field} names alert "${alert}", which no rule in ${rulesDir} defines; the rules define: ${defined}`);
      return { alert };
    }
    const override = scenario.alertRuleOverrides.find((o) => o.alert === alert);
    const forSeconds = override ? durationMs(override.for) / 1000 : (rule.forSeconds ?? 0);
    return {
      alert,
      rule: `${rule.file}:${rule.line}`,
      forSeconds,
      ...(override ? { override: { for: override.for, reason: override.reason } } : {}),
    };
  };
  const fire = scenario.alerts.fire.map((expected, i) => {
    const field = `alerts.fire[${i}]`;
    const plan: AlertPlan = {
      ...resolve(field, expected.alert),
      withinMs: expected.withinMs,
      ...(expected.labels ? { labels: expected.labels } : {}),
    };
    if (plan.forSeconds !== undefined && plan.forSeconds * 1000 >= expected.withinMs)
      problems.push(
        `${scenario.id}: ${field} expects ${expected.alert} firing within ${expected.withinMs} ms, but its rule (${plan.rule}) ` +
          `holds for ${plan.forSeconds} s${plan.override ? ' (as overridden)' : ''} before firing: it cannot fire in time; ` +
          'give the expectation longer, or shorten the rule (alertRuleOverrides)',
      );
    return plan;
  });
  const quiet = scenario.alerts.quiet.map((alert, i) => resolve(`alerts.quiet[${i}]`, alert));
  return { plan: { fire, quiet } satisfies ScenarioAlertsPlan, problems };
}
