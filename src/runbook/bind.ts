/**
 * Scenarios name runbook steps by id; binding fills in what the runbook says
 * to run (for the runtime at hand), so every change to the runbook is what the
 * drills execute. Unknown ids are reported together, before anything starts,
 * each naming the scenario and the field that names the step.
 */
import { notApplicableReason } from '../scenario/applicability.ts';
import type { RemediationStep, Scenario } from '../scenario/scenario.ts';
import type { Runbook } from './runbook.ts';
import { RunbookError, type RunbookProblem } from './runbook-error.ts';
import { stepById, toRunbookStep } from './step-by-id.ts';

export function bindToRunbook(scenarios: readonly Scenario[], runbook: Runbook, runtime: string): Scenario[] {
  const problems: RunbookProblem[] = [];
  const bound = scenarios.map((scenario) =>
    // One that does not apply on this runtime is left unbound: the runbook may have no variant of its steps here.
    notApplicableReason(scenario, runtime) !== undefined ? scenario : bindScenario(scenario, runbook, runtime, problems),
  );
  if (problems.length > 0) throw new RunbookError(runbook.file, problems);
  return bound;
}

/** The runbook steps a scenario names, each with the field that names it (`remediation[0]`), in the order they run. */
export function scenarioSteps(scenario: Scenario): { readonly field: string; readonly step: RemediationStep }[] {
  return [
    ...(scenario.preparation ?? []).map((step, i) => ({ field: `preparation[${i}]`, step })),
    ...scenario.remediation.map((step, i) => ({ field: `remediation[${i}]`, step })),
    ...(scenario.healthCheck ? [{ field: 'healthCheck.step', step: scenario.healthCheck.step }] : []),
  ];
}

function bindScenario(scenario: Scenario, runbook: Runbook, runtime: string, problems: RunbookProblem[]): Scenario {
  const bind = (field: string, step: RemediationStep) => bindStep(`scenario "${scenario.id}" ${field}`, step, runbook, runtime, problems);
  return {
    ...scenario,
    ...(scenario.preparation ? { preparation: scenario.preparation.map((s, i) => bind(`preparation[${i}]`, s)) } : {}),
    remediation: scenario.remediation.map((s, i) => bind(`remediation[${i}]`, s)),
    ...(scenario.healthCheck
      ? { healthCheck: { ...scenario.healthCheck, step: bind('healthCheck.step', scenario.healthCheck.step) } }
      : {}),
  };
}

/**
 * The step with the runbook's command for `runtime` (an inline `run` kept); a step the runbook lacks is left as it
 * was, its problem added to `problems`, each message opening with `subject` (`scenario "redis-outage" remediation[0]`).
 */
export function bindStep(
  subject: string,
  step: RemediationStep,
  runbook: Runbook,
  runtime: string,
  problems: RunbookProblem[],
): RemediationStep {
  if (step.run !== undefined) return step;
  try {
    const fromRunbook = toRunbookStep(runbook, stepById(runbook, step.id, runtime));
    // The runbook decides what runs; the scenario adds when it runs and what it checks or observes afterwards.
    return {
      ...fromRunbook,
      ...(step.timeoutMs ? { timeoutMs: step.timeoutMs } : {}),
      ...(step.postcondition ? { postcondition: step.postcondition } : {}),
      ...(step.onlyIf ? { onlyIf: step.onlyIf } : {}),
      ...(step.observe ? { observe: step.observe } : {}),
      ...(step.touches ? { touches: step.touches } : {}),
    };
  } catch (error) {
    if (!(error instanceof RunbookError)) throw error;
    problems.push(...error.problems.map((p) => ({ line: p.line, message: `${subject}: ${p.message}` })));
    return step;
  }
}
