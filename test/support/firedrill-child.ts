import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../src/repo-root.ts';

/** The firedrill CLI as a child process, from a working directory of the test's own; never rejects, so the test reads its exit code. */
export const firedrillIn = (cwd: string, ...args: string[]) =>
  execa(process.execPath, [join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd, reject: false, timeout: 60_000 });
