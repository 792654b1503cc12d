import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// verify-runbook against a real git history: a temp repo whose second commit
// changes the Redis restart step and the contacts' prose.
describe('firedrill verify-runbook', () => {
  let repo: string;
  const git = (...args: string[]) => execa('git', ['-C', repo, ...args]);
  const firedrill = (...args: string[]) =>
    execa(
      process.execPath,
      ['src/cli/main.ts', 'verify-runbook', '--runbook', join(repo, 'ops', 'RUNBOOK.md'), '--report-dir', join(repo, 'reports'), ...args],
      { reject: false },
    );

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'firedrill-verify-'));
    await execa('mkdir', ['-p', join(repo, 'ops')]);
    await git('init', '-q');
    await git('config', 'user.email', 'sre@example.test');
    await git('config', 'user.name', 'SRE');
    await copyFile('fixtures/runbook/RUNBOOK.md', join(repo, 'ops', 'RUNBOOK.md'));
    await git('add', '.');
    await git('commit', '-qm', 'runbook v1.1.0');
    const text = await readFile(join(repo, 'ops', 'RUNBOOK.md'), 'utf8');
    const changed = text
      .replace('redis-server "$REDIS_CONF"\n', 'redis-server "$REDIS_CONF"\necho "restarted redis from $REDIS_CONF"\n')
      .replace('## Contacts and escalation\n', '## Contacts and escalation\n\nCall the desk first.\n');
    expect(changed).not.toBe(text);
    await writeFile(join(repo, 'ops', 'RUNBOOK.md'), changed);
    await git('commit', '-qam', 'redis restart says what it did');
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  it('says so and exits 0 when nothing changed', async () => {
    const { exitCode, stdout } = await firedrill('--base', 'HEAD', '--head', 'HEAD');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/ops\/RUNBOOK\.md: unchanged between HEAD and HEAD; nothing to verify/);
  });

  it('lists the changes and runs exactly the scenarios bound to the changed step', { timeout: 240_000 }, async () => {
    const { exitCode, stdout } = await firedrill('--base', 'HEAD~1', '--head', 'HEAD');
    expect(stdout).toContain('steps changed: redis.restart');
    expect(stdout).toMatch(/sections changed: .*contacts-and-escalation/);
    expect(stdout).toContain('will run redis-outage: it uses redis.restart');
    expect(stdout).toContain('firedrill: 1 scenario(s) on the local runtime (verify-runbook)');
    expect(stdout).not.toMatch(/\[\d\/\d\] (exchange-rate-limit|redis-latency|postgres-partition)/);
    expect(stdout).toMatch(/runbook step redis\.restart exited 0/);
    expect(exitCode, stdout).toBe(0);
  });

  it('a prose-only change runs nothing; an unknown revision is a configuration error', async () => {
    const text = await readFile(join(repo, 'ops', 'RUNBOOK.md'), 'utf8');
    await writeFile(join(repo, 'ops', 'RUNBOOK.md'), text.replace('Call the desk first.', 'Call the trading desk first.'));
    const prose = await firedrill('--base', 'HEAD');
    expect(prose.stdout).toContain('No scenario uses a changed step: lint only.');
    expect(prose.exitCode).toBe(0);
    const bad = await firedrill('--base', 'no-such-rev');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--base no-such-rev: no such revision/);
  });
});
