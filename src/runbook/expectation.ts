import type { StepExpectation } from './runbook.ts';

export interface StepResult {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** The whole stdout, before redaction and truncation. */
  readonly stdout: string;
}

/** Judges a step's declared expectation; `detail` names the step and says expected vs actual. */
export function checkExpectation(stepId: string, expect: StepExpectation, result: StepResult): { ok: boolean; detail: string } {
  const unmet: string[] = [];
  const met: string[] = [];
  const exit = result.timedOut ? 'timed out' : `exited ${result.exitCode ?? 'by a signal'}`;
  if (expect.exitCode !== undefined) {
    if (!result.timedOut && result.exitCode === expect.exitCode) met.push(`exit status ${expect.exitCode}`);
    else unmet.push(`expected exit status ${expect.exitCode} but it ${exit}`);
  }
  if (expect.output !== undefined) {
    if (expect.output.test(result.stdout)) met.push(`stdout matched ${String(expect.output)}`);
    else unmet.push(`expected stdout to match ${String(expect.output)}; last line: "${lastLine(result.stdout)}"`);
  }
  if (unmet.length > 0) return { ok: false, detail: `runbook step "${stepId}" ${unmet.join('; ')}` };
  return { ok: true, detail: `runbook step "${stepId}" met its expectation: ${met.join(', ')}` };
}

function lastLine(text: string): string {
  const line = text.trimEnd().split('\n').at(-1) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
