import type { ParsedStep, Runbook } from './runbook.ts';
import { RunbookError } from './runbook-error.ts';
import type { RunbookStep } from './step.ts';

/**
 * The step with this id — its variant for `runtime` when the runbook has one,
 * else the block without a runtime; an unknown id is an error listing the known ones.
 */
export function stepById(runbook: Runbook, id: string, runtime?: string): ParsedStep {
  const candidates = runbook.steps.filter((s) => s.id === id);
  const step = candidates.find((s) => runtime !== undefined && s.runtime === runtime) ?? candidates.find((s) => s.runtime === undefined);
  if (step) return step;
  if (candidates.length > 0) {
    const only = candidates.map((s) => `${s.runtime} (line ${s.line})`).join(', ');
    throw new RunbookError(runbook.file, [
      { line: candidates[0]!.line, message: `step "${id}" has no variant for runtime ${runtime ?? '(any)'}; it has: ${only}` },
    ]);
  }
  const known = [...new Set(runbook.steps.map((s) => s.id))].join(', ') || '(none: no ```bash {id=…} block)';
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
    ...(step.suite !== undefined ? { suite: step.suite } : {}),
  };
}
