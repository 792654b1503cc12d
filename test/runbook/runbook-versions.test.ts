import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runbookVersions } from '../../src/runbook/git-versions.ts';

// A throwaway git repository: the runbook at docs/RUNBOOK.md, in two commits, then edited in the working tree.
let repo: string;
const file = () => join(repo, 'docs', 'RUNBOOK.md');
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'firedrill-versions-'));
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  await writeFile(join(repo, 'README.md'), 'before the runbook\n');
  git('add', '.');
  git('commit', '-qm', 'no runbook yet');
  git('tag', 'empty');
  await mkdir(dirname(file()));
  await writeFile(file(), '# Runbook v1\n');
  git('add', '.');
  git('commit', '-qm', 'v1');
  git('tag', 'v1');
  await writeFile(file(), '# Runbook v2\n');
  git('commit', '-qam', 'v2');
  git('tag', 'v2');
  await writeFile(file(), '# Runbook, being edited\n');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('runbookVersions', () => {
  it('reads the base revision and takes the working tree as head', async () => {
    await using versions = await runbookVersions(file(), 'v1', undefined);
    expect(versions).toMatchObject({
      pathInRepo: 'docs/RUNBOOK.md',
      baseText: '# Runbook v1\n',
      headFile: file(),
      headLabel: 'the working tree',
    });
    expect(await readFile(versions.headFile, 'utf8')).toBe('# Runbook, being edited\n');
  });

  it('copies the head revision to a temp file that disposing removes', async () => {
    let headFile: string;
    {
      await using versions = await runbookVersions(file(), 'v1', 'v2');
      headFile = versions.headFile;
      expect(versions).toMatchObject({ pathInRepo: 'docs/RUNBOOK.md', baseText: '# Runbook v1\n', headLabel: 'v2' });
      expect(headFile).not.toBe(file());
      expect(headFile.endsWith('/RUNBOOK.md')).toBe(true);
      expect(await readFile(headFile, 'utf8')).toBe('# Runbook v2\n');
    }
    expect(existsSync(dirname(headFile))).toBe(false);
  });

  it('has no base text when the runbook did not exist at the base', async () => {
    await using versions = await runbookVersions(file(), 'empty', undefined);
    expect(versions.baseText).toBeUndefined();
  });

  it('names what is wrong: a base that is no revision, a head without the file, a file outside any repository', async () => {
    await expect(runbookVersions(file(), 'no-such-tag', undefined)).rejects.toThrow(`--base no-such-tag: no such revision in ${repo}`);
    await expect(runbookVersions(file(), 'v1', 'empty')).rejects.toThrow('--head empty: docs/RUNBOOK.md does not exist at that revision');
    const outside = await mkdtemp(join(tmpdir(), 'firedrill-no-repo-'));
    try {
      await expect(runbookVersions(join(outside, 'RUNBOOK.md'), 'v1', undefined)).rejects.toThrow(
        `${join(outside, 'RUNBOOK.md')} is not inside a git repository`,
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
