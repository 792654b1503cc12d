/** Each runbook step as it ran: the command, exit code and time, whether service was back after it, and its output (already redacted). */
import type { StepTranscript } from '../../runbook/step.ts';
import { type Html, html } from './html.ts';

export function transcripts(steps: readonly StepTranscript[]): Html | string {
  if (steps.length === 0) return '';
  return html`<h3>Runbook steps (transcripts)</h3>${steps.map(step)}`;
}

function step(s: StepTranscript): Html {
  const outcome = s.skipped
    ? `skipped: ${s.skipped}`
    : `exit ${s.exitCode ?? '—'}${s.timedOut ? ' (timed out)' : ''} after ${s.durationMs} ms${s.startedAt ? `, started ${s.startedAt}` : ''}`;
  return html`<div class="step"><h4>${s.stepId} <span class="muted">${outcome}</span></h4>
${s.expectation ? html`<div class="status ${s.expectation.ok ? 'met' : 'missed'}">${s.expectation.ok ? '✓' : '✗'} ${s.expectation.detail}</div>` : ''}
${s.serviceAfter ? html`<div>service after it: ${s.serviceAfter.restored ? 'restored' : 'not yet restored'} <span class="muted">${s.serviceAfter.detail}</span></div>` : ''}
<pre>$ ${s.command}</pre>
${s.stdout ? html`<div class="muted">stdout</div><pre>${plain(s.stdout)}</pre>` : ''}
${s.stderr ? html`<div class="muted">stderr</div><pre>${plain(s.stderr)}</pre>` : ''}
</div>`;
}

/** Output without its terminal colour and cursor sequences (PM2 colours its lines), which a page would show as stray characters. */
function plain(output: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is matched
  return output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
