import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { sarifValidator } from '../support/sarif-validator.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const firedrill = (...args: string[]) => execa(process.execPath, ['src/cli/main.ts', 'lint-runbook', ...args], { reject: false });
const fixture = 'fixtures/runbook/RUNBOOK.md';

/** The fixture with one command made wrong: `pm2 reload order-gateway` → `pm2 restart all`, plus a literal password. */
async function brokenRunbook(): Promise<string> {
  const dir = await testTempDir('lint');
  const text = (await readFile(fixture, 'utf8'))
    .replace('pm2 reload order-gateway\ndeadline=', 'pm2 restart all\ndeadline=')
    .replace('PGPASSWORD="$(op read \'op://trading/ats-postgres/password\')"', 'PGPASSWORD=s3cret-pw');
  await writeFile(join(dir, 'RUNBOOK.md'), text);
  return join(dir, 'RUNBOOK.md');
}

const lineOf = async (file: string, needle: string) => (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('firedrill lint-runbook', () => {
  it('exits 0 on the fixture runbook (its default file) with no finding: every step runs in a scenario', async () => {
    const { exitCode, stdout } = await firedrill();
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${fixture}: no findings \\(\\d+ rules\\)$`));
  });

  it('exits 1 on errors, printing FILE:LINE rule-id message', async () => {
    const file = await brokenRunbook();
    const { exitCode, stdout } = await firedrill(file);
    expect(exitCode).toBe(1);
    const shown = relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file);
    expect(stdout.split('\n').filter((line) => !line.includes(' steps-exercised '))).toEqual([
      `${shown}:${await lineOf(file, 'pm2 restart all')} no-pm2-restart-all \`pm2 restart all\` restarts every service at once; use \`pm2 reload <name>\` for the one service (all at once: every service it names down together, and nothing of a changed ecosystem file applied; see "Applying an ecosystem change" in the runbook)`,
      expect.stringMatching(
        new RegExp(`^${shown}:${await lineOf(file, 'PGPASSWORD=s3cret')} no-literal-credentials literal credential \\(PGPASSWORD\\)`),
      ),
      expect.stringMatching(new RegExp(`^${shown}: 2 error\\(s\\), \\d+ other finding\\(s\\)$`)),
    ]);
    expect(stdout).not.toContain('s3cret-pw');
  });

  it('--format json lists the findings', async () => {
    const { exitCode, stdout } = await firedrill(await brokenRunbook(), '--format', 'json');
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as { version: string; findings: { ruleId: string; severity: string; line: number }[] };
    expect(report.version).toBe('1.1.0');
    expect(report.findings.filter((f) => f.ruleId !== 'steps-exercised').map((f) => [f.ruleId, f.severity])).toEqual([
      ['no-pm2-restart-all', 'error'],
      ['no-literal-credentials', 'error'],
    ]);
  });

  // Two whole lints (the fixture and a broken runbook), each about 14 s of ShellCheck at nice 10 beside the gate: 30.4 s
  // in a clean-clone CI run, over the project's 30 s.
  it('--format sarif is valid SARIF 2.1.0 with what code scanning needs', { timeout: 60_000 }, async () => {
    const validate = await sarifValidator();
    const broken = await brokenRunbook();
    for (const args of [[fixture], [broken]]) {
      const { stdout } = await firedrill(...args, '--format', 'sarif');
      const sarif = JSON.parse(stdout);
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...sarif, version: '2.0.0' })).toBe(false); // the validator does reject
      expect(sarif.version).toBe('2.1.0');
      const [run] = sarif.runs;
      expect(run.tool.driver.name).toBe('firedrill');
      expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('guarded-rate-gate-reset');
      for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    }
    const { stdout } = await firedrill(broken, '--format', 'sarif');
    const result = JSON.parse(stdout).runs[0].results.find((r: { ruleId: string }) => r.ruleId !== 'steps-exercised');
    expect(result).toMatchObject({
      ruleId: 'no-pm2-restart-all',
      level: 'error',
      message: { text: expect.stringContaining('pm2 reload <name>') },
    });
    expect(result.locations[0].physicalLocation.region.startLine).toBe(await lineOf(broken, 'pm2 restart all'));
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\/.*RUNBOOK\.md$/);
  });

  it('a file inside the checkout gets a relative URI', async () => {
    const { stdout } = await firedrill(fixture, '--format', 'sarif');
    expect(JSON.parse(stdout).runs[0].artifacts[0].location).toEqual({ uri: fixture, uriBaseId: '%SRCROOT%' });
  });

  it.each([
    [['/nonexistent/RUNBOOK.md'], /cannot lint the runbook:\n\/nonexistent\/RUNBOOK\.md: does not exist/],
    [['--format', 'xml'], /argument 'xml' is invalid. Allowed choices are text, json, sarif/],
  ])('exits 2 on a configuration error: %j', async (args, message) => {
    const { exitCode, stderr } = await firedrill(...args);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 naming the line of an unparseable runbook', async () => {
    const dir = await testTempDir('lint');
    await writeFile(join(dir, 'R.md'), '# R\n\n```bash {id=a.b}\necho\n```\n\n```bash {id=a.b}\necho\n```\n');
    const { exitCode, stderr } = await firedrill(join(dir, 'R.md'));
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`${join(dir, 'R.md')}:7: step id "a.b" is used twice, at lines 3 and 7`);
  });
});
