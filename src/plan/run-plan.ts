/**
 * The plan of a run (`firedrill run --dry-run`): every selected scenario's
 * plan on the run's runtime, and every problem that would stop the run or fail
 * it for a reason known in advance, all at once. It reads the config, the
 * runbook, the alert rules and the workload module; it starts nothing,
 * allocates no port and writes nothing.
 */
import { ConfigFileError } from '../config/config-file-error.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { rulesFilesIn } from '../monitoring/alert-rules.ts';
import type { LoadedRunbook } from '../runbook/load-runbook.ts';
import { readPrometheusAlerts } from '../runbook/lint/prometheus-rules.ts';
import type { RunbookIdentity } from '../runbook/runbook-identity.ts';
import { alertRuleOverrideProblems } from '../runtime/alert-rule-overrides.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { shownPath } from '../shown-path.ts';
import { topologyOf } from '../topology/topology.ts';
import { loadWorkload } from '../workload/load-workload.ts';
import { planScenario, type ScenarioPlan } from './scenario-plan.ts';

export interface RunPlan {
  readonly runtime: RuntimeName;
  readonly config: { readonly name: string; readonly path: string; readonly sha256: string };
  readonly runbook: RunbookIdentity;
  readonly alertRulesDir: string;
  readonly scenarios: readonly ScenarioPlan[];
  /** Everything that does not resolve, each naming the scenario (or the config), the field and what is missing. */
  readonly problems: readonly string[];
}

export interface PlanRunOptions {
  readonly config: LoadedConfig;
  readonly runbook: LoadedRunbook;
  readonly runtime: RuntimeName;
  readonly alertRulesDir: string;
}

export async function planRun(scenarios: readonly Scenario[], options: PlanRunOptions): Promise<RunPlan> {
  const { config, runbook, runtime } = options;
  const rulesDir = shownPath(options.alertRulesDir);
  const rules = (await Promise.all((await rulesFilesIn(options.alertRulesDir)).map(readPrometheusAlerts))).flat();
  const problems: string[] = await workloadProblems(config);
  const topology = topologyOf(config);
  const plans: ScenarioPlan[] = [];
  for (const scenario of scenarios) {
    const { plan, problems: found } = planScenario(scenario, { runbook: runbook.runbook, runtime, topology, rules, rulesDir });
    const overrides = await alertRuleOverrideProblems(options.alertRulesDir, scenario.alertRuleOverrides);
    plans.push(plan);
    problems.push(...found, ...overrides.map((p) => `${scenario.id}: alertRuleOverrides: ${p}`));
  }
  return {
    runtime,
    config: { name: config.config.name, path: shownPath(config.file), sha256: config.sha256 },
    runbook: runbook.identity,
    alertRulesDir: rulesDir,
    scenarios: plans,
    problems,
  };
}

async function workloadProblems(config: LoadedConfig): Promise<string[]> {
  try {
    await loadWorkload(config.config.workload, config.file);
    return [];
  } catch (error) {
    if (error instanceof ConfigFileError) return [error.message];
    throw error;
  }
}
