import { describe, expect, it } from 'vitest';
import { inline, markdownSummary, verdictLine } from '../../src/reporters/markdown.ts';
import { everyVerdict, handMadeEvidence, handMadeResult } from '../support/hand-made-evidence.ts';

const evidencePath = 'reports/2026-12-02T08-00-00-000Z-ab12/evidence.json';
const rows = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('| '));
/** A table row's cells as GitHub splits them: on every `|` not escaped by a backslash. */
const cells = (row: string) => row.slice(2, -2).split(/(?<!\\) \| /);

describe('markdownSummary', () => {
  const markdown = markdownSummary(handMadeEvidence(), evidencePath, 'release-gate');

  it('opens with the verdict line, then what ran where', () => {
    const [title, , about] = markdown.split('\n');
    expect(title).toBe('### firedrill: 1 passed, 1 failed, 1 aborted, 1 errored, 1 skipped');
    expect(about).toMatch(
      /^local runtime · suite release-gate · runbook fixtures\/runbook\/RUNBOOK\.md v1\.4\.0 \(sha256 bbbbbbbbbbbb…\) · harness 0\.1\.0/,
    );
  });

  it('has a row per scenario with its verdict, each measure against its target, and the reason', () => {
    const table = rows(markdown);
    expect(table[0]).toBe('| scenario | verdict | detect | recovery | data loss | reason |');
    expect(table.slice(2).map((row) => cells(row)[0])).toEqual(everyVerdict.map((r) => r.id));
    expect(cells(table[3]!)).toEqual([
      'postgres-failover',
      '❌ failed',
      '2100 ms (target 5000 ms)',
      '41000 ms (target 30000 ms)',
      '2 (target 0)',
      'recovered after 41000 ms, target 30000 ms; step "pg.promote" exited 1',
    ]);
    expect(cells(table[2]!).slice(0, 2)).toEqual(['redis-outage', '✅ passed']);
    expect(cells(table[6]!)[1]).toBe('⏭️ skipped');
  });

  it('lists the alerts with who was paged, and where the evidence is', () => {
    expect(markdown).toContain('- redis-outage: RedisDown fired after 4200 ms (target 30000 ms) → pagerduty P7X2K9Q, slack @sre-team');
    expect(markdown).toContain(`Evidence: \`${evidencePath}\``);
    expect(markdown).not.toContain('Disaster recovery');
  });

  it('gives a disaster-recovery scenario its RTO and recovery point', () => {
    const orders = (acknowledged: number, missing: number) => ({ acknowledged, missing });
    const dr = handMadeResult({
      id: 'dr-restore',
      verdict: 'passed',
      targets: { detectMs: 5000, recoveryMs: 180_000, rtoMs: 120_000, dataLoss: 0 },
      measured: {
        ...everyVerdict[0]!.measured,
        rtoMs: 40_000,
        rpo: {
          strategy: 'physical+wal',
          promise: 'p',
          before: orders(373, 0),
          during: orders(0, 0),
          after: orders(2, 2),
          restored: orders(10, 0),
          rpoMs: 569,
          databaseBytes: 1e8,
          backupMs: 1000,
          restoreMs: 5000,
        },
      },
    });
    expect(markdownSummary(handMadeEvidence([dr]), evidencePath)).toContain(
      '- dr-restore: RTO 40 s (target 120 s); recovery point 569 ms before the loss (physical+wal): 2 of the 2 orders of the loss window lost, 0 of the 373 before it',
    );
  });

  it('keeps a reason with pipes, newlines, markup and backslashes inside its cell', () => {
    const reason = 'grep "a|b" failed\nsecond line <script>x</script> & C:\\temp\\|';
    const row = rows(markdownSummary(handMadeEvidence([handMadeResult({ id: 'odd|id', verdict: 'failed', reason })]), evidencePath))[2]!;
    expect(row.split('\n')).toHaveLength(1);
    expect(cells(row)).toHaveLength(6);
    expect(cells(row)[0]).toBe('odd\\|id');
    expect(cells(row)[5]).toBe('grep "a\\|b" failed<br>second line &lt;script>x&lt;/script> &amp; C:\\\\temp\\\\\\|');
  });
});

describe('verdictLine and inline', () => {
  it('names only the verdicts present, and says so for an empty run', () => {
    expect(verdictLine([everyVerdict[1]!, everyVerdict[1]!, everyVerdict[4]!])).toBe('2 failed, 1 skipped');
    expect(verdictLine([])).toBe('no scenarios');
  });

  it('turns every kind of line break into <br>', () => {
    expect(inline('a\r\nb\rc\nd')).toBe('a<br>b<br>c<br>d');
  });
});
