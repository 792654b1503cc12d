import type { Verdict } from '../../runner/judge.ts';
import { type Html, html } from './html.ts';

const marks: Record<Verdict, string> = { passed: '✓', failed: '✗', aborted: '!', errored: '!', skipped: '–' };

/** The verdict in words with a mark (readable without colour), classed for the screen's colours. */
export function verdictMark(verdict: Verdict): Html {
  return html`<span class="status ${verdict}">${marks[verdict]} ${verdict}</span>`;
}
