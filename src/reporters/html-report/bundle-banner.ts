/** What the bundle check said, at the top of the report: a bundle that does not verify is said loudly, each problem named. */
import { type Html, html } from './html.ts';
import type { BundleCheck } from './report-input.ts';

export function bundleBanner(check: BundleCheck): Html {
  if (check.state === 'verified')
    return html`<div class="banner ok" id="bundle"><span class="status met">✓ Evidence verified</span> against its manifest: ${check.summary}.</div>`;
  if (check.state === 'not sealed')
    return html`<div class="banner none" id="bundle"><strong>! Evidence not sealed:</strong> ${check.reason}. Nothing shows whether it was edited after the run.</div>`;
  return html`<div class="banner bad" id="bundle" role="alert"><strong>✗ EVIDENCE NOT VERIFIED: it changed after the run sealed it; do not rely on this report.</strong>
<ul>${check.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`;
}
