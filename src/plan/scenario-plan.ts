/**
 * What one scenario will do, phase by phase, as a reviewer reads it before
 * anything starts (`firedrill run --dry-run`): the probes by name, the faults
 * with their parameters (each fault's description carries them), the runbook
 * steps with the command this runtime will run, the alerts against their
 * rules, and the targets. Built from the scenario as declared and the run's
 * own resolvers (binding, names, alert rules), collecting every problem.
 */
import type { Runbook } from '../runbook/runbook.ts';
import { scenarioSteps } from '../runbook/bind.ts';
import type { PrometheusAlert } from '../runbook/lint/rule.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { notApplicableReason } from '../scenario/applicability.ts';
import { scenarioNameProblems } from '../scenario/scenario-names.ts';
import type { Topology } from '../topology/topology.ts';
import type { Scenario, Targets } from '../scenario/scenario.ts';
import { planAlerts, type ScenarioAlertsPlan } from './alert-plan.ts';
import { planStep, type StepPlan } from './step-plan.ts';
import { ordersPerSecOf } from '../workload/load-multiplier.ts';

export interface ScenarioPlan {
  readonly id: string;
  readonly title: string;
  /** Why it will be skipped on this runtime (its steps are then not bound); absent when it runs. */
  readonly notApplicable?: string;
  readonly ordersPerSec: number;
  /** A stress run's multiplier of the peak rate (ordersPerSec is the product); absent at the peak. */
  readonly loadMultiplier?: number;
  readonly blueGreen: readonly string[];
  readonly steadyState: { readonly probes: readonly string[]; readonly withinMs: number; readonly holdMs: number };
  readonly preparation: readonly StepPlan[];
  readonly faults: readonly string[];
  readonly detection: { readonly probe: string; readonly targetMs: number };
  readonly duringFault: readonly string[];
  readonly alerts: ScenarioAlertsPlan;
  readonly remediation: readonly StepPlan[];
  readonly recovery: { readonly probes: readonly string[]; readonly holdMs: number };
  readonly healthCheck?: StepPlan & { readonly duringFault: string };
  readonly integrityAndChecks: readonly string[];
  readonly targets: Targets;
}

export interface PlanInputs {
  readonly runbook: Runbook;
  readonly runtime: RuntimeName;
  readonly topology: Topology;
  readonly rules: readonly PrometheusAlert[];
  /** As shown in messages. */
  readonly rulesDir: string;
}

/** The plan of `scenario` on the run's runtime, and every problem, each naming the scenario, the field and what is missing. */
export function planScenario(scenario: Scenario, inputs: PlanInputs): { plan: ScenarioPlan; problems: string[] } {
  const notApplicable = notApplicableReason(scenario, inputs.runtime);
  const problems = scenarioNameProblems(scenario, inputs.topology);
  // As bindToRunbook: a scenario that does not apply here is not bound (the runbook may have no variant of its steps).
  const steps =
    notApplicable === undefined
      ? scenarioSteps(scenario).map(({ field, step }) => {
          const planned = planStep(scenario.id, field, step, inputs.runbook, inputs.runtime);
          problems.push(...planned.problems);
          return planned.plan;
        })
      : [];
  const alerts = planAlerts(scenario, inputs.rules, inputs.rulesDir);
  problems.push(...alerts.problems);
  const names = (probes: readonly { name: string }[]) => probes.map((p) => p.name);
  const health = scenario.healthCheck;
  const healthStep = steps.find((s) => s.field === 'healthCheck.step');
  const plan: ScenarioPlan = {
    id: scenario.id,
    title: scenario.title,
    ...(notApplicable !== undefined ? { notApplicable } : {}),
    ordersPerSec: ordersPerSecOf(scenario),
    ...(scenario.workload.loadMultiplier !== undefined ? { loadMultiplier: scenario.workload.loadMultiplier } : {}),
    blueGreen: scenario.blueGreen ?? [],
    steadyState: { probes: names(scenario.steadyState), withinMs: scenario.timeouts.steadyStateMs, holdMs: scenario.hold.steadyStateMs },
    preparation: steps.filter((s) => s.field.startsWith('preparation')),
    faults: scenario.faults.map((f) => f.description),
    detection: { probe: scenario.detection.name, targetMs: scenario.targets.detectMs },
    duringFault: names(scenario.duringFault),
    alerts: alerts.plan,
    remediation: steps.filter((s) => s.field.startsWith('remediation')),
    recovery: { probes: names(scenario.recovery), holdMs: scenario.hold.recoveryMs },
    ...(health && healthStep
      ? {
          healthCheck: {
            ...healthStep,
            duringFault: health.failsNaming ? `fails naming ${health.failsNaming}` : `passes: ${health.passesDuringFault}`,
          },
        }
      : {}),
    integrityAndChecks: ['integrity (acknowledged records lost or duplicated)', ...names(scenario.checks)],
    targets: scenario.targets,
  };
  return { plan, problems };
}
