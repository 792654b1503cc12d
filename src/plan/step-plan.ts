/**
 * One runbook step as the plan shows it: the field that names it, where its
 * command comes from (the runbook's line, or the scenario's own inline `run`),
 * the command this runtime will run (or the probe suite that stands in for
 * it), and what is checked after it. Bound by the run's own binder
 * (runbook/bind.ts), so the plan and the run cannot disagree.
 */
import { bindStep } from '../runbook/bind.ts';
import type { Runbook } from '../runbook/runbook.ts';
import type { RunbookProblem } from '../runbook/runbook-error.ts';
import { stepById } from '../runbook/step-by-id.ts';
import { stepFor } from '../runner/phases/remediate.ts';
import { suiteInPlaceOf } from '../runner/suite-step.ts';
import { shownPath } from '../shown-path.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { RemediationStep } from '../scenario/scenario.ts';

export interface StepPlan {
  /** The scenario's field naming the step: `remediation[0]`, `healthCheck.step`. */
  readonly field: string;
  readonly id: string;
  /** `RUNBOOK.md:120`, or `inline in the scenario` (its own `run` overrides the runbook). */
  readonly source?: string;
  /** The bash this runtime runs; absent when the step did not resolve. */
  readonly command?: string;
  /** The probe suite run in place of the command on this runtime, and why. */
  readonly suite?: string;
  readonly timeoutMs?: number;
  readonly postcondition?: { readonly probe: string; readonly withinMs: number };
  readonly onlyIf?: string;
  readonly touches: { readonly services: readonly string[]; readonly postgresSessions: readonly string[] };
}

/** The step resolved for `runtime`, and its problems, each opening with `${scenarioId}: ${field}`. */
export function planStep(
  scenarioId: string,
  field: string,
  declared: RemediationStep,
  runbook: Runbook,
  runtime: RuntimeName,
): { plan: StepPlan; problems: string[] } {
  const subject = `${scenarioId}: ${field}`;
  const found: RunbookProblem[] = [];
  const bound = bindStep(subject, declared, runbook, runtime, found);
  const problems = found.map((p) => `${p.message} (runbook ${shownPath(runbook.file)})`);
  const plan: StepPlan = {
    field,
    id: declared.id,
    ...(declared.run !== undefined ? { source: 'inline in the scenario' } : {}),
    ...(bound.timeoutMs !== undefined ? { timeoutMs: bound.timeoutMs } : {}),
    ...(bound.postcondition ? { postcondition: { probe: bound.postcondition.probe.name, withinMs: bound.postcondition.withinMs } } : {}),
    ...(bound.onlyIf ? { onlyIf: bound.onlyIf.name } : {}),
    touches: { services: bound.touches?.services ?? [], postgresSessions: bound.touches?.postgresSessions ?? [] },
  };
  if (found.length > 0) return { plan, problems };
  try {
    const step = stepFor(bound, runtime);
    const line = declared.run === undefined ? stepById(runbook, declared.id, runtime).line : undefined;
    const suite = suiteInPlaceOf(step, runtime);
    return {
      plan: {
        ...plan,
        ...(line !== undefined ? { source: `${shownPath(runbook.file)}:${line}` } : {}),
        command: step.run,
        ...(suite ? { suite } : {}),
      },
      problems,
    };
  } catch (error) {
    return { plan, problems: [`${subject}: ${(error as Error).message}`] };
  }
}
