import type { StepTranscript } from '../../../src/runbook/step.ts';

/** A runbook step's transcript as an attachment a person reads: the command, how it ended, what it printed and what was seen after. */
export function transcriptText(t: StepTranscript): string {
  const ended = t.timedOut ? 'timed out' : `exit ${t.exitCode ?? 'none'}`;
  return [
    `$ ${t.command}`,
    `# ${ended} after ${t.durationMs} ms${t.startedAt ? `, started ${t.startedAt}` : ''}`,
    ...(t.suite ? [`# probe suite ${t.suite.suite} in place of: ${t.suite.inPlaceOf}`] : []),
    ...(t.expectation ? [`# expectation ${t.expectation.ok ? 'met' : 'NOT met'}: ${t.expectation.detail}`] : []),
    '--- stdout',
    t.stdout,
    '--- stderr',
    t.stderr,
    ...(t.observed ?? []).map((o) => `# after it, ${o.probe}: ${o.ok ? 'holds' : 'does not hold'}: ${o.detail}`),
    ...(t.serviceAfter ? [`# service after it: ${t.serviceAfter.restored ? 'restored' : `not restored: ${t.serviceAfter.detail}`}`] : []),
  ].join('\n');
}
