import type { StepTranscript } from '../../src/runbook/step.ts';

/** A runbook step's transcript as a check reads it: ran `true`, exited 0, printed `stdout`; `extra` overrides. */
export function stepTranscript(stepId: string, stdout: string, extra: Partial<StepTranscript> = {}): StepTranscript {
  return { stepId, command: 'true', exitCode: 0, timedOut: false, stdout, stderr: '', durationMs: 1, ...extra };
}
