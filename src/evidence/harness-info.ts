import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../repo-root.ts';

/** The harness's version (package.json) and git commit, `-dirty` when the tree has changes. */
export async function harnessInfo(): Promise<{ version: string; commit: string }> {
  const { version } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const git = (...args: string[]) =>
    execa('git', args, { cwd: repoRoot }).then(
      (r) => r.stdout.trim(),
      () => '',
    );
  const [sha, status] = await Promise.all([git('rev-parse', 'HEAD'), git('status', '--porcelain', '--untracked-files=no')]);
  return { version, commit: sha ? `${sha}${status ? '-dirty' : ''}` : 'unknown' };
}
