import type { ParsedStep, Runbook } from './runbook.ts';
import { RunbookError } from './runbook-error.ts';
import type { RunbookStep } from './step.ts';

/** The step with this id; an unknown id is an error listing the known ones. */
export function stepById(runbook: Runbook, id: string): ParsedStep {
  const step = runbook.steps.find((s) => s.id === id);
  if (step) return step;
  const known = runbook.steps.map((s) => s.id).join(', ') || '(none: no ```bash {id=…} block)';
  throw new RunbookError(runbook.file, [{ line: 0, message: `step "${id}" not found; known ids: ${known}` }]);
}

/** A parsed step as the executor runs it; the title falls back to its section's heading. */
export function toRunbookStep(runbook: Runbook, step: ParsedStep): RunbookStep {
  const section = runbook.sections.find((s) => s.id === step.section);
  return {
    id: step.id,
    title: step.title ?? section?.title ?? step.id,
    run: step.code.replace(/\n$/, ''),
    ...(step.timeoutMs !== undefined ? { timeoutMs: step.timeoutMs } : {}),
    ...(step.expect !== undefined ? { expect: step.expect } : {}),
  };
}
