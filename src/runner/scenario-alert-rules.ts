/**
 * Which alert rules a scenario's environment loads: the run's directory, or,
 * when the scenario overrides an alert's `for`, a derived copy written under
 * the run's report directory (`<run>/alert-rules/<scenario>/`), kept beside
 * evidence.json. The evidence names the copies, their hashes and each override.
 */
import { join } from 'node:path';
import { type AlertRulesIdentity, alertRulesIdentity } from '../evidence/alert-rules-identity.ts';
import { AlertRuleOverrideError, type AppliedOverride, deriveAlertRules } from '../runtime/alert-rule-overrides.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { shownPath } from '../shown-path.ts';

/** In a scenario's evidence: the rules its Prometheus loaded, when they differ from the run's. */
export interface ScenarioAlertRules extends AlertRulesIdentity {
  readonly overrides: readonly AppliedOverride[];
}

export interface ResolvedAlertRules {
  readonly dir: string;
  /** Absent when the scenario loads the run's rules unchanged. */
  readonly evidence?: ScenarioAlertRules;
}

/** Throws an AlertRuleOverrideError listing every override that does not apply to the run's rules. */
export async function scenarioAlertRules(scenario: Scenario, runRulesDir: string, runReportDir: string): Promise<ResolvedAlertRules> {
  if (scenario.alertRuleOverrides.length === 0) return { dir: runRulesDir };
  const dir = join(runReportDir, 'alert-rules', scenario.id);
  const applied = await deriveAlertRules(runRulesDir, scenario.alertRuleOverrides, dir);
  const overrides = applied.map((o) => ({ ...o, source: shownPath(o.source) }));
  return { dir, evidence: { ...(await alertRulesIdentity(dir)), overrides } };
}

/** Every scenario's rules, by id, derived before anything starts; throws one AlertRuleOverrideError listing every problem. */
export async function alertRulesPerScenario(
  scenarios: readonly Scenario[],
  runRulesDir: string,
  runReportDir: string,
): Promise<Map<string, ResolvedAlertRules>> {
  const resolved = new Map<string, ResolvedAlertRules>();
  const problems: string[] = [];
  for (const scenario of scenarios) {
    await scenarioAlertRules(scenario, runRulesDir, runReportDir).then(
      (rules) => resolved.set(scenario.id, rules),
      (error: unknown) => {
        if (!(error instanceof AlertRuleOverrideError)) throw error;
        problems.push(...error.problems.map((p) => `scenario ${scenario.id}: ${p}`));
      },
    );
  }
  if (problems.length > 0) throw new AlertRuleOverrideError(runRulesDir, problems);
  return resolved;
}

/** A progress line per override: `SharpeRatioLow: for 15m → 3s (…)`. */
export function describeOverrides(rules: ResolvedAlertRules): string[] {
  return (rules.evidence?.overrides ?? []).map(
    (o) => `alert rule ${o.alert}: for ${o.from} → ${o.to} in ${rules.evidence!.dir} (${o.reason})`,
  );
}
