import { describe, expect, it } from 'vitest';
import { controlStatuses } from '../../../src/controls/control-statuses.ts';
import { referenceControlsFile } from '../../../src/controls/controls-for-config.ts';
import { loadControls } from '../../../src/controls/load-controls.ts';
import type { Evidence } from '../../../src/evidence/evidence.ts';
import { htmlReport } from '../../../src/reporters/html-report/html-report.ts';
import type { BundleCheck, ReportInput } from '../../../src/reporters/html-report/report-input.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../../../src/evidence/redact.ts';
import { fixtureEvidence, fixtureRunDir } from './fixture-run.ts';

const controls = await loadControls(referenceControlsFile);
const verified: BundleCheck = { state: 'verified', summary: '1 files, 3 scenario records, chain intact, signed' };

function page(evidence: Evidence, more: Partial<ReportInput> = {}): string {
  return htmlReport({
    evidence,
    runDir: 'reports/latest',
    bundle: verified,
    controls: { file: controls.file, statuses: controlStatuses(controls, evidence.scenarios) },
    generatedAt: new Date('2026-12-02T12:00:00Z'),
    ...more,
  });
}

/** The rows of the controls table, as `id status why`. */
function controlRows(html: string): string[] {
  const table = html.slice(html.indexOf('<table class="controls">'));
  return [
    ...table
      .slice(0, table.indexOf('</table>'))
      .matchAll(/<tr><td><strong>([^<]+)<\/strong>[\s\S]*?<td class="status [^"]+">. ([^<]+)<div class="muted">([^<]+)<\/div>/g),
  ].map((m) => `${m[1]} ${m[2]}: ${m[3]}`);
}

describe('the HTML report of a real run', () => {
  const html = page(fixtureEvidence());

  it('has the run summary: harness, runbook, config and rules hashes, runtime, host, start and end', () => {
    const evidence = fixtureEvidence();
    for (const text of [
      evidence.harness.commit,
      evidence.runbook!.sha256,
      evidence.config!.sha256,
      evidence.alertRules!.files[0]!.sha256,
      evidence.host!.name,
      evidence.startedAt,
      evidence.finishedAt!,
    ])
      expect(html).toContain(text);
    expect(html).toContain('<h1>firedrill report: 3 passed</h1>');
  });

  it("shows transcripts without the terminal's colour sequences (PM2 colours its output)", () => {
    expect(fixtureEvidence().scenarios[2]!.steps.some((s) => s.stdout.includes('\u001b['))).toBe(true);
    expect(html).not.toContain('\u001b');
    expect(html).toContain('[PM2] Applying action reloadProcessId on app [order-gateway]');
  });

  it('has a row per scenario against its targets, and a timeline drawn as SVG for each', () => {
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<span class="status met">✓ met</span> detect: 753 ms ≤ 5000 ms');
    expect(html).toContain('<span class="status met">✓ met</span> recovery: 16076 ms ≤ 30000 ms');
    expect(html).toContain('<td>RedisDown</td><td class="num">11007 ms</td><td class="num">15000 ms</td>\n<td>pagerduty P7X2K9Q</td>');
  });

  it('lists every control with its status and why: uncovered ones say so', () => {
    const rows = controlRows(html);
    expect(rows).toHaveLength(15);
    expect(rows).toContain('DORA-11 evidenced: 3 of 3 scenario runs passed');
    expect(rows).toContain('RTS6-10 not covered: none of its scenarios was in this run');
    expect(rows).toContain('RTS6-12 not covered: none of its scenarios was in this run');
    expect(rows).toContain('DORA-12 not covered: none of its scenarios was in this run');
  });

  it('loads nothing from outside: no script, no external reference, a policy forbidding both', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(?:src|srcset|action|xlink:href)=/i);
    expect([...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!.startsWith('#'))).not.toContain(false);
    expect(html).not.toMatch(/url\(|@import/);
    expect(html).toContain(`content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"`);
  });
});

describe('text from the evidence is escaped everywhere', () => {
  it("a transcript, a reason, a title, an alert name and the scenario's claims cannot become markup", () => {
    const evidence = fixtureEvidence();
    const hostile = '</pre><script>window.pwned = 1</script><img src=x onerror="alert(1)">';
    const first = evidence.scenarios[0] as unknown as {
      steps: { stdout: string }[];
      measured: { alerts: { alert: string }[] };
      timeline: { kind: string; detail: Record<string, unknown> }[];
    };
    Object.assign(first, { title: `Redis <b>${hostile}</b>`, verdict: 'failed', reason: hostile, reasons: [hostile], controls: [hostile] });
    first.steps[0]!.stdout = hostile;
    first.measured.alerts[0]!.alert = `Redis"Down ${hostile}`;
    first.timeline.find((e) => e.kind === 'alert.firing')!.detail.alert = hostile;
    const html = page(evidence, { bundle: { state: 'not verified', problems: [hostile] } });
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;window.pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('>alert &lt;/pre&gt;&lt;script&gt;window.pwned = 1&lt;/script&gt;');
  });
});

describe('the bundle check, at the top', () => {
  it('a bundle that does not verify is said loudly, each problem named', () => {
    const html = page(fixtureEvidence(), {
      bundle: { state: 'not verified', problems: ['evidence.json: SHA-256 ab…, the manifest says cd…: edited'] },
    });
    expect(html).toContain('EVIDENCE NOT VERIFIED');
    expect(html).toContain('<li>evidence.json: SHA-256 ab…, the manifest says cd…: edited</li>');
    expect(html.indexOf('EVIDENCE NOT VERIFIED')).toBeLessThan(html.indexOf('id="summary"'));
  });

  it('a run dir without a manifest is reported as not sealed', () => {
    const html = page(fixtureEvidence(), { bundle: { state: 'not sealed', reason: 'reports/x/manifest.json: cannot be read (ENOENT)' } });
    expect(html).toContain('Evidence not sealed:</strong> reports/x/manifest.json: cannot be read (ENOENT)');
  });
});

describe('a failed scenario', () => {
  it('shows the missed target and fails the controls it evidences', () => {
    const evidence = fixtureEvidence();
    const outage = evidence.scenarios[0] as { verdict: string; reason: string; measured: { recoveryMs: number } };
    Object.assign(outage, { verdict: 'failed', reason: 'recovered after 41000 ms, target 30000 ms' });
    outage.measured.recoveryMs = 41000;
    const html = page(evidence);
    expect(html).toContain('<span class="status missed">✗ missed</span> recovery: 41000 ms &gt; 30000 ms');
    expect(controlRows(html)).toContain('DORA-11 failed: redis-outage failed');
    expect(controlRows(html)).toContain('RTS6-15 failed: redis-outage failed');
  });
});

describe('history, when given', () => {
  it('shows each chart as given, with its caption escaped, and nothing when not given', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>trend</title></svg>';
    const html = page(fixtureEvidence(), {
      history: { source: 'reports/history.sqlite, the last 20 runs', charts: [{ scenarioId: 'redis-outage', svg, caption: 'p95 <1 s' }] },
    });
    expect(html).toContain(`<figure class="history-chart">${svg}<figcaption>redis-outage: p95 &lt;1 s</figcaption></figure>`);
    expect(page(fixtureEvidence())).not.toContain('id="history"');
  });
});

describe('the fixture run (test/fixtures/report-run)', () => {
  it('holds no secret: the redaction patterns find nothing in any of its files', () => {
    const files = readdirSync(fixtureRunDir);
    expect(files.sort()).toEqual(['evidence.json', 'manifest.json', 'manifest.sig']);
    for (const file of files) {
      const text = readFileSync(join(fixtureRunDir, file), 'utf8');
      expect(redact(text, []), file).toBe(text);
    }
  });
});
