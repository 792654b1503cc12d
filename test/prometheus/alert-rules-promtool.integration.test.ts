import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { checkAlertRules } from '../../src/prometheus/check-alert-rules.ts';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// The promtool half of the rules check: what only Prometheus' own parser
// knows (PromQL, templates, repeated groups), at its file and line, for
// `run --alert-rules` (exit 2 before anything starts) and lint-runbook alike.
const badExpr = 'groups:\n  - name: ats\n    rules:\n      - alert: Up\n        expr: up ==\n';
const badTemplate =
  'groups:\n  - name: ats\n    rules:\n      - alert: Up\n        expr: up == 0\n      - alert: Down\n        expr: up == 1\n' +
  '        annotations:\n          summary: "{{ $labels.job "\n';

async function rulesDir(text: string): Promise<string> {
  const dir = join(await testTempDir('rules'), 'rules');
  await mkdir(dir);
  await writeFile(join(dir, 'draft.yml'), text);
  return dir;
}

const firedrill = (...args: string[]) => execa(process.execPath, ['src/cli/main.ts', ...args], { reject: false, timeout: 30_000 });

describe('alert rules checked with promtool', () => {
  it('finds nothing in the shipped rules', async () => {
    expect(await checkAlertRules(defaultAlertRulesDir)).toEqual([]);
  });

  it('names a PromQL expression that does not parse, at its line', async () => {
    const dir = await rulesDir(badExpr);
    expect(await checkAlertRules(dir)).toEqual([
      {
        file: join(dir, 'draft.yml'),
        line: 5,
        message: expect.stringMatching(/"Up": could not parse expression: .*unexpected end of input/),
      },
    ]);
  });

  it('gives a problem promtool names by group and rule number the line of that rule', async () => {
    const dir = await rulesDir(badTemplate);
    expect(await checkAlertRules(dir)).toEqual([
      {
        file: join(dir, 'draft.yml'),
        line: 6,
        message: expect.stringMatching(/group "ats", rule 2, "Down": annotation "summary": template/),
      },
    ]);
  });

  it('run --alert-rules exits 2 before anything starts; lint-runbook --prometheus-rules reports the same as a finding', async () => {
    const dir = await rulesDir(badExpr);
    const run = await firedrill('run', 'redis-outage', '--alert-rules', dir);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`\\n  ${join(dir, 'draft.yml')}:5: group "ats", rule 1, "Up": could not parse expression`));
    const lint = await firedrill('lint-runbook', '--prometheus-rules', dir);
    expect(lint.exitCode).toBe(1);
    expect(lint.stdout).toMatch(
      new RegExp(`^${join(dir, 'draft.yml')}:5 prometheus-rules-load group "ats", rule 1, "Up": could not parse expression`, 'm'),
    );
  });
});
