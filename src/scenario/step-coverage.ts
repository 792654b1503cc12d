/**
 * Which of the runbook's executable steps the scenarios run, and which none
 * does: a step no scenario runs is protected only by the linter, and may not
 * work when an operator pastes it at 3 AM.
 */
import type { Runbook } from '../runbook/runbook.ts';
import type { Scenario } from './scenario.ts';

export interface StepCoverage {
  readonly stepId: string;
  /** The line of the step's first block in the runbook. */
  readonly line: number;
  /** Ids of the scenarios that run it (as preparation, remediation or their health check), in catalogue order. */
  readonly scenarios: readonly string[];
}

/** The runbook step ids a scenario runs: its preparation and remediation steps and its health check. */
export function stepIdsRunBy(scenario: Scenario): string[] {
  return [
    ...(scenario.preparation ?? []).map((s) => s.id),
    ...scenario.remediation.map((s) => s.id),
    ...(scenario.healthCheck ? [scenario.healthCheck.step.id] : []),
  ];
}

/** Every executable step of the runbook, once, in runbook order, with the scenarios that run it. */
export function stepCoverage(runbook: Runbook, scenarios: readonly Scenario[]): StepCoverage[] {
  const runBy = new Map<string, string[]>();
  for (const scenario of scenarios)
    for (const id of new Set(stepIdsRunBy(scenario))) runBy.set(id, [...(runBy.get(id) ?? []), scenario.id]);
  const firstLines = new Map<string, number>();
  for (const step of runbook.steps) if (!firstLines.has(step.id)) firstLines.set(step.id, step.line);
  return [...firstLines].map(([stepId, line]) => ({ stepId, line, scenarios: runBy.get(stepId) ?? [] }));
}
