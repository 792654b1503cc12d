import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlertRules } from '../../src/prometheus/check-alert-rules.ts';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { firedrillIn } from '../support/firedrill-child.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// Rules Prometheus would refuse are found before anything starts, with file
// and line, the same way by `run --alert-rules` (exit 2) and by
// `lint-runbook --prometheus-rules` (findings). Without promtool here (a unit
// test runs no Prometheus tool): the YAML and structure half; the promtool
// half is in alert-rules-promtool.integration.test.ts.
const good = 'groups:\n  - name: ats\n    rules:\n      - alert: Up\n        expr: up == 0\n';
const cases = {
  'invalid YAML': { text: `${good}       for: 1m\n     - bad\n`, line: 6, message: /not valid YAML/ },
  'a rule without expr': {
    text: `${good}      - alert: NoExpr\n        for: 1m\n`,
    line: 6,
    message: /group "ats", rule 2 \(alert NoExpr\) has no `expr`/,
  },
  'a rule with both alert and record': {
    text: `${good}      - alert: Both\n        record: job:up\n        expr: up\n`,
    line: 6,
    message: /rule 2 \(alert Both\) must have exactly one of `alert` and `record`/,
  },
  'a `for` that is no duration': {
    text: `${good}      - alert: Slow\n        expr: up == 0\n        for: 5 minutes\n`,
    line: 6,
    message: /`for: 5 minutes` is not a Prometheus duration/,
  },
  'no groups list': { text: 'rules:\n  - alert: X\n', line: 1, message: /expected a top-level `groups:` list/ },
  'a group without name or rules': { text: 'groups:\n  - interval: 1m\n', line: 2, message: /group 1 has no `name`/ },
} as const;

async function rulesDir(text: string): Promise<string> {
  const dir = join(await testTempDir('rules'), 'rules');
  await mkdir(dir);
  await writeFile(join(dir, 'draft.yml'), text);
  return dir;
}

const firedrill = (...args: string[]) => firedrillIn(repoRoot, ...args);

describe('checkAlertRules', () => {
  it('finds nothing in the shipped rules', async () => {
    expect(await checkAlertRules(defaultAlertRulesDir, { promtool: false })).toEqual([]);
  });

  it.each(Object.entries(cases))('names the file and line of %s', async (_, { text, line, message }) => {
    const dir = await rulesDir(text);
    const problems = await checkAlertRules(dir, { promtool: false });
    expect(problems[0]).toEqual({ file: join(dir, 'draft.yml'), line, message: expect.stringMatching(message) });
    expect(problems.every((p) => p.file === join(dir, 'draft.yml'))).toBe(true);
  });

  it('lists every problem of every file at once', async () => {
    const dir = await rulesDir(cases['a rule without expr'].text);
    await writeFile(join(dir, 'other.yaml'), cases['no groups list'].text);
    expect((await checkAlertRules(dir, { promtool: false })).map((p) => p.file)).toEqual([join(dir, 'draft.yml'), join(dir, 'other.yaml')]);
  });

  it('a directory without rules files, or missing, is a problem naming it', async () => {
    const empty = await testTempDir('rules');
    expect(await checkAlertRules(empty)).toEqual([{ file: empty, line: 0, message: expect.stringMatching(/has no \*\.yml/) }]);
    expect(await checkAlertRules('/nonexistent/rules')).toEqual([
      { file: '/nonexistent/rules', line: 0, message: expect.stringMatching(/cannot be read \(ENOENT\)/) },
    ]);
  });
});

describe('run --alert-rules and lint-runbook --prometheus-rules', () => {
  it.each(Object.keys(cases).slice(0, 2))('run: %s is exit 2 before anything starts, naming file and line', async (name) => {
    const { text, line, message } = cases[name as keyof typeof cases];
    const dir = await rulesDir(text);
    const { exitCode, stderr, stdout } = await firedrill('run', 'redis-outage', '--alert-rules', dir);
    expect(exitCode).toBe(2);
    expect(stdout).toBe(''); // nothing started: not even the run's opening line
    expect(stderr).toContain(`firedrill: --alert-rules ${dir}: Prometheus would not load these rules`);
    expect(stderr).toMatch(new RegExp(`\\n  ${join(dir, 'draft.yml')}:${line}: `));
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each(Object.keys(cases).slice(0, 2))('lint-runbook: %s is an error finding at its file and line', async (name) => {
    const { text, line, message } = cases[name as keyof typeof cases];
    const dir = await rulesDir(text);
    const { exitCode, stdout } = await firedrill('lint-runbook', '--prometheus-rules', dir);
    expect(exitCode).toBe(1);
    const finding = stdout.split('\n').find((l) => l.includes(' prometheus-rules-load '));
    expect(finding).toMatch(new RegExp(`^${join(dir, 'draft.yml')}:${line} prometheus-rules-load `));
    expect(finding).toMatch(message);
    expect(stdout).not.toContain('no findings');
  });
});
