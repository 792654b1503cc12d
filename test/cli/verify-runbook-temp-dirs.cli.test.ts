import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// verify-runbook --head REV copies the runbook at REV into a temp dir; every
// call removes it again, whatever the outcome. The CLI runs with its own
// TMPDIR, so what it leaves is counted exactly, whoever else uses /tmp.
describe('verify-runbook --head leaves no temp dir behind', () => {
  let repo: string;
  let tmp: string;
  const git = (...args: string[]) => execa('git', ['-C', repo, ...args]);
  const verify = (...args: string[]) =>
    execa(process.execPath, ['src/cli/main.ts', 'verify-runbook', '--runbook', join(repo, 'ops', 'RUNBOOK.md'), ...args], {
      reject: false,
      env: { TMPDIR: tmp },
    });

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'firedrill-verify-tmp-'));
    tmp = await mkdtemp(join(tmpdir(), 'firedrill-verify-tmpdir-'));
    await mkdir(join(repo, 'ops'));
    await git('init', '-q');
    await git('config', 'user.email', 'sre@example.test');
    await git('config', 'user.name', 'SRE');
    await copyFile('fixtures/runbook/RUNBOOK.md', join(repo, 'ops', 'RUNBOOK.md'));
    await git('add', '.');
    await git('commit', '-qm', 'runbook');
    const text = await readFile(join(repo, 'ops', 'RUNBOOK.md'), 'utf8');
    await writeFile(
      join(repo, 'ops', 'RUNBOOK.md'),
      text.replace('redis-server "$REDIS_CONF"\n', 'redis-server "$REDIS_CONF"\necho restarted\n'),
    );
    await git('commit', '-qam', 'redis restart says so');
    await writeFile(join(repo, 'ops', 'RUNBOOK.md'), text.replaceAll('{id=redis.restart', '{id=redis.restart timeout=soon'));
    await git('commit', '-qam', 'a malformed step');
  });
  afterAll(() => Promise.all([rm(repo, { recursive: true, force: true }), rm(tmp, { recursive: true, force: true })]));

  it.each([
    ['nothing changed', ['--base', 'HEAD~1', '--head', 'HEAD~1'], 0],
    ['a dry run of a changed step', ['--base', 'HEAD~2', '--head', 'HEAD~1', '--dry-run'], 0],
    ['a head whose runbook is malformed', ['--base', 'HEAD~1', '--head', 'HEAD'], 2],
  ])('%s', async (_, args, exitCode) => {
    const result = await verify(...args);
    expect(result.exitCode, result.stderr).toBe(exitCode);
    // Node's compile cache (src/cli/main.ts) is kept on purpose, for the next start: not a temp dir left behind.
    expect((await readdir(tmp)).filter((name) => name !== 'node-compile-cache')).toEqual([]);
  });
});
