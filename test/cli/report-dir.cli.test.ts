import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/cli/config-error.ts';
import { prepareReportDir } from '../../src/cli/report-dir.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { firedrillIn } from '../support/firedrill-child.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// --report-dir is checked before anything starts: a bad one is exit 2 with one
// line naming the option and the path, never a hang, a stack trace or exit 3.
const firedrill = (...args: string[]) => firedrillIn(repoRoot, 'run', 'redis-outage', ...args);

async function aFile(): Promise<string> {
  const file = join(await testTempDir('report-dir'), 'not-a-dir');
  await writeFile(file, 'x');
  return file;
}

describe('--report-dir', () => {
  it.each([
    [
      'under /proc, where Node’s recursive mkdir would loop',
      '/proc/firedrill-reports/run',
      /cannot create \/proc\/firedrill-reports \(ENOENT\)/,
    ],
    ['an existing directory that takes no files', '/proc', /cannot write in it/],
  ])('exits 2 at once for a directory it cannot create or write: %s', async (_, dir, why) => {
    const started = performance.now();
    const { exitCode, stderr, timedOut } = await firedrill('--report-dir', dir);
    expect(timedOut).toBe(false);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^firedrill: --report-dir ${dir}: `))]);
    expect(stderr).toMatch(why);
  });

  it('exits 2 for a file, or a path through a file, naming it', async () => {
    const file = await aFile();
    for (const [dir, why] of [
      [file, 'is not a directory'],
      [join(file, 'runs'), `${file} is not a directory`],
    ] as const) {
      const { exitCode, stderr } = await firedrill('--report-dir', dir);
      expect(exitCode, dir).toBe(2);
      expect(stderr.trim()).toBe(`firedrill: --report-dir ${dir}: ${why}; give a directory you can write to`);
    }
  });

  it('creates missing levels and leaves no trace of its write check', async () => {
    const root = await testTempDir('report-dir');
    const dir = join(root, 'a', 'b', 'c');
    expect(await prepareReportDir(dir)).toBe(dir);
    expect((await stat(dir)).isDirectory()).toBe(true);
    expect(await prepareReportDir(dir)).toBe(dir); // an existing one is fine
    expect(await readdir(dir)).toEqual([]);
  });

  it('is a ConfigError naming the option it was given as', async () => {
    await expect(prepareReportDir(await aFile(), '--out')).rejects.toThrow(ConfigError);
    await expect(prepareReportDir('/proc/x', '--out')).rejects.toThrow(/^--out \/proc\/x: cannot create/);
  });
});
