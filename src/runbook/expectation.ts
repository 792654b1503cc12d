import type { StepExpectation } from './runbook.ts';

export interface StepResult {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** The whole stdout, before redaction and truncation. */
  readonly stdout: string;
  /** Its stderr, redacted: what a step that failed said about why. */
  readonly stderr?: string;
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
    else {
      // A step that failed says why on stderr: without it, "last line: """ is all an operator would see.
      const why = expect.exitCode === undefined && result.exitCode !== 0 ? `; it ${exit}${stderrTail(result.stderr)}` : '';
      unmet.push(`expected stdout to match ${String(expect.output)}; last line: "${lastLine(result.stdout)}"${why}`);
    }
  }
  if (unmet.length > 0) return { ok: false, detail: `runbook step "${stepId}" ${unmet.join('; ')}` };
  return { ok: true, detail: `runbook step "${stepId}" met its expectation: ${met.join(', ')}` };
}

function stderrTail(stderr: string | undefined): string {
  const line = lastLine(stderr ?? '');
  return line === '' ? '' : `: ${line}`;
}

function lastLine(text: string): string {
  const line = text.trimEnd().split('\n').at(-1) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
