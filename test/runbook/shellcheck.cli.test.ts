// lint-runbook with ShellCheck (Debian's, run for real): its findings in text, JSON and SARIF, the severity option,
// its errors failing the lint, and a machine without it told how to install it.
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { sarifValidator } from '../support/sarif-validator.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const lintRunbook = (file: string, args: string[] = [], env?: Record<string, string>) =>
  execa(process.execPath, ['src/cli/main.ts', 'lint-runbook', file, ...args], {
    cwd: repoRoot,
    reject: false,
    timeout: 60_000,
    ...(env ? { env, extendEnv: false } : {}),
  });

/** The fixture runbook (clean) with a section of shell blocks appended; the path and the line of each block's first command. */
async function fixtureWith(...blocks: string[]): Promise<{ file: string; lines: number[] }> {
  const fixture = await readFile(join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md'), 'utf8');
  let text = `${fixture.trimEnd()}\n\n## Shell checks\n`;
  const lines: number[] = [];
  for (const block of blocks) {
    text += '\n```bash\n';
    lines.push(text.split('\n').length);
    text += `${block}\n\`\`\`\n`;
  }
  const file = join(await testTempDir('shellcheck'), 'RUNBOOK.md');
  await writeFile(file, text);
  return { file, lines };
}

const unquoted = 'redis-cli -p $REDIS_PORT ping';
const uselessCat = 'cat "$LOG_DIR/order-gateway.log" | grep -c ERROR';
const syntaxError = 'if [ -n "$PGHOST" ; then\n  echo up\nfi';

const shellcheckLines = (stdout: string) => stdout.split('\n').filter((line) => / SC\d+ /.test(line));

describe('lint-runbook runs ShellCheck', () => {
  it('prints each finding at FILE:LINE:COLUMN under its code; notes alone do not fail the lint', async () => {
    const { file, lines } = await fixtureWith(unquoted, uselessCat);
    const { exitCode, stdout } = await lintRunbook(file);
    expect(shellcheckLines(stdout)).toEqual([`${file}:${lines[0]}:14 SC2086 Double quote to prevent globbing and word splitting.`]);
    expect(exitCode).toBe(0);
  });

  it('--shellcheck-severity chooses the lowest level reported: style adds the useless cat, error keeps only errors', async () => {
    const { file, lines } = await fixtureWith(unquoted, uselessCat);
    const style = await lintRunbook(file, ['--shellcheck-severity', 'style']);
    expect(shellcheckLines(style.stdout)).toEqual([
      `${file}:${lines[0]}:14 SC2086 Double quote to prevent globbing and word splitting.`,
      `${file}:${lines[1]}:5 SC2002 Useless cat. Consider 'cmd < file | ..' or 'cmd file | ..' instead.`,
    ]);
    expect(shellcheckLines((await lintRunbook(file, ['--shellcheck-severity', 'error'])).stdout)).toEqual([]);
    const bad = await lintRunbook(file, ['--shellcheck-severity', 'loud']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("argument 'loud' is invalid. Allowed choices are error, warning, info, style");
  });

  it('fails the lint on a syntax error, at its line, in every format', async () => {
    const { file, lines } = await fixtureWith(unquoted, syntaxError);
    const text = await lintRunbook(file, ['--shellcheck-severity', 'error']);
    expect(text.exitCode).toBe(1);
    expect(shellcheckLines(text.stdout)).toEqual([
      `${file}:${lines[1]}:4 SC1073 Couldn't parse this test expression. Fix to allow more checks.`,
      `${file}:${lines[1]}:19 SC1072 Expected test to end here (don't wrap commands in []/[[]]). Fix any mentioned problems and try again.`,
    ]);
    const json = await lintRunbook(file, ['--format', 'json']);
    expect(json.exitCode).toBe(1);
    const findings = (JSON.parse(json.stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId.startsWith('SC'));
    expect(findings).toEqual([
      {
        ruleId: 'SC2086',
        severity: 'note',
        message: expect.stringMatching(/^Double quote/),
        line: lines[0],
        column: 14,
        endLine: lines[0],
        endColumn: 25,
      },
      { ruleId: 'SC1009', severity: 'note', message: expect.any(String), line: lines[1], column: 1, endLine: lines[1], endColumn: 1 },
      { ruleId: 'SC1073', severity: 'error', message: expect.any(String), line: lines[1], column: 4, endLine: lines[1], endColumn: 4 },
      { ruleId: 'SC1072', severity: 'error', message: expect.any(String), line: lines[1], column: 19, endLine: lines[1], endColumn: 19 },
    ]);
  });

  it('--format sarif is valid SARIF 2.1.0 with each SC code a rule of the run, and the columns', async () => {
    const validate = await sarifValidator();
    const { file, lines } = await fixtureWith(unquoted, syntaxError);
    const { exitCode, stdout } = await lintRunbook(file, ['--format', 'sarif']);
    expect(exitCode).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const [run] = sarif.runs;
    const rules = run.tool.driver.rules as { id: string; helpUri?: string; defaultConfiguration: { level: string } }[];
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['shellcheck', 'SC1009', 'SC1072', 'SC1073', 'SC2086']));
    expect(rules.find((r) => r.id === 'SC2086')).toMatchObject({
      helpUri: 'https://www.shellcheck.net/wiki/SC2086',
      defaultConfiguration: { level: 'note' },
    });
    const results = (run.results as { ruleId: string; ruleIndex: number; level: string; locations: unknown[] }[]).filter((r) =>
      r.ruleId.startsWith('SC'),
    );
    for (const result of results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(
      results.map((r) => [r.ruleId, r.level, (r.locations[0] as { physicalLocation: { region: unknown } }).physicalLocation.region]),
    ).toEqual([
      ['SC2086', 'note', { startLine: lines[0], startColumn: 14, endLine: lines[0], endColumn: 25 }],
      ['SC1009', 'note', { startLine: lines[1], startColumn: 1 }],
      ['SC1073', 'error', { startLine: lines[1], startColumn: 4 }],
      ['SC1072', 'error', { startLine: lines[1], startColumn: 19 }],
    ]);
  });

  it("does not report firedrill's variables as unassigned, and does report a misspelt one", async () => {
    const { file, lines } = await fixtureWith(
      'redis-cli -p "$REDIS_PORT" ping\ncurl -sSf "$ATS_URL/healthz" "$GATEWAY_CONTAINER" "$REDIS_PROT"',
    );
    const { stdout } = await lintRunbook(file);
    expect(shellcheckLines(stdout)).toEqual([
      `${file}:${lines[0]! + 1}:52 SC2154 REDIS_PROT is referenced but not assigned (did you mean 'REDIS_PORT'?).`,
      `${file}:${lines[0]! + 1}:52 SC2153 Possible misspelling: REDIS_PROT may not be assigned. Did you mean REDIS_PORT?`,
    ]);
  });

  it('without shellcheck on PATH: one error finding saying how to install it, exit 1', async () => {
    const { file } = await fixtureWith(unquoted);
    const { exitCode, stdout, stderr } = await lintRunbook(file, [], { PATH: dirname(process.execPath), HOME: tmpdir() });
    expect(stderr).toBe('');
    expect(stdout).toContain(
      `${file}:1 shellcheck ShellCheck is not installed (no \`shellcheck\` on PATH), so no shell block was checked: install it with \`npm run bootstrap\` (Debian: \`apt-get install shellcheck\`)`,
    );
    expect(shellcheckLines(stdout)).toEqual([]);
    expect(exitCode).toBe(1);
  });
});
