// The fixture ATS's operator scripts (fixtures/ats/ops) pass ShellCheck (Debian's, run for real) at every
// severity, following what they source; and the same run reports a script broken on purpose.
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const opsDir = join(repoRoot, 'fixtures', 'ats', 'ops');
const shellcheck = async (dir: string) => {
  const scripts = (await readdir(dir)).filter((name) => name.endsWith('.sh'));
  return execa('shellcheck', ['--external-sources', '--severity=style', '--format=gcc', ...scripts], {
    cwd: dir,
    reject: false,
    // A guard against a hang, not a target (under the cli project's 90 s): beside the docker gate's lanes one run
    // took 4-20 s, and once over 30 s (session 28's CI, the limit then).
    timeout: 80_000,
  });
};

describe('the operator scripts', () => {
  it('pass ShellCheck at every severity', async () => {
    const result = await shellcheck(opsDir);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('fail it with an unquoted variable (the check can fail)', async () => {
    const copy = await testTempDir('ops');
    await cp(opsDir, copy, { recursive: true });
    const script = join(copy, 'backup-postgres.sh');
    const text = await readFile(script, 'utf8');
    expect(text).toContain('new_backup "$dir"');
    await writeFile(script, text.replace('new_backup "$dir"', 'new_backup $dir'));
    const result = await shellcheck(copy);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toMatch(/backup-postgres\.sh:\d+:\d+: note: Double quote to prevent globbing and word splitting\. \[SC2086\]/);
  });
});
