import { describe, expect, it } from 'vitest';
import { defaultTargets, lint } from '../../../src/runbook/lint/lint.ts';
import type { PrometheusAlert } from '../../../src/runbook/lint/rule.ts';
import { parseRunbook } from '../../../src/runbook/parse.ts';

const memory: PrometheusAlert = { name: 'HostMemoryHigh', expr: 'mem_used_ratio > 0.85', forSeconds: 300, file: 'rules.yml', line: 4 };

/** The alert-thresholds findings on a one-row table, without the "disagrees with rules.yml:4: " prefix. */
function check(header: string, row: string): string[] {
  const markdown = `# R\n\n## Alert thresholds\n\n${header}\n${header.replace(/[^|]+/g, ' --- ')}\n${row}\n`;
  const context = { prometheusAlerts: [memory], prometheusFiles: ['rules.yml'], targets: defaultTargets };
  return lint(parseRunbook(markdown, 'draft.md'), context)
    .filter((f) => f.ruleId === 'alert-thresholds')
    .map((f) => f.message.replace(/^alert "HostMemoryHigh" disagrees with rules\.yml:4: /, '').replace(/; make them agree$/, ''));
}
const when = (condition: string, forCell = '5 min') =>
  check('| alert | fires when | for |', `| \`HostMemoryHigh\` | ${condition} | ${forCell} |`);

describe('alert-thresholds', () => {
  it('reads a threshold and a for written in words', () => {
    expect(when('memory used above eighty-five percent', 'five minutes')).toEqual([]);
    expect(when('memory used above ninety percent')).toEqual([
      "the runbook says ninety percent, the rule's expr is `mem_used_ratio > 0.85`",
    ]);
    expect(when('memory used > 85 %', 'ten minutes')).toEqual(["the runbook says for ten minutes, the rule's for is 300 s"]);
  });

  it('flags a threshold crossed the other way', () => {
    expect(when('memory used < 85 %')).toEqual([
      "the runbook says < 85 % (below), the rule's expr fires above it: `mem_used_ratio > 0.85`",
    ]);
    expect(when('memory used below 85 %')).toHaveLength(1);
    expect(when('memory used over 85 %')).toEqual([]);
  });

  it('reads the for from a duration column, and from "for …" in the condition', () => {
    expect(check('| alert | fires when | duration |', '| `HostMemoryHigh` | memory used > 85 % | 20 min |')).toEqual([
      "the runbook says for 20 min, the rule's for is 300 s",
    ]);
    expect(when('memory used > 85 % for 5 min', '')).toEqual([]);
    expect(when('memory used > 85 % for at least ten minutes', '')).toEqual(["the runbook says for ten minutes, the rule's for is 300 s"]);
  });

  it('takes a number after no comparison for a note, where the condition compares', () => {
    expect(when('memory used > 85 % (of 64 GiB)')).toEqual([]);
    expect(when('memory used > 85 % of 64 GiB on 3 hosts')).toEqual([]);
    expect(when('85 %')).toEqual([]);
    expect(when('90 %')).toHaveLength(1);
  });

  it('reads thresholds and fors in words past ninety-nine', () => {
    expect(when('memory used above eighty-five percent', 'three hundred seconds')).toEqual([]);
    expect(when('memory used above eighty-five percent', 'a hundred seconds')).toEqual([
      "the runbook says for a hundred seconds, the rule's for is 300 s",
    ]);
    expect(when('memory used > 85 %', 'one thousand two hundred seconds')).toEqual([
      "the runbook says for one thousand two hundred seconds, the rule's for is 300 s",
    ]);
    expect(when('memory used > 85 %', '0.3 thousand seconds')).toEqual([]);
  });
});
