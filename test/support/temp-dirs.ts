// Temporary directories for a test file, removed once its tests are done (by remove-temp-dirs.ts, a setup file of
// every project): a test run leaves nothing of its own under the OS temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A new, empty directory under the OS temp dir, named `firedrill-<purpose>-XXXXXX`. */
export async function testTempDir(purpose: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `firedrill-${purpose}-`));
  made.add(dir);
  return dir;
}

/** Removes every directory testTempDir made so far in this worker. */
export async function removeTestTempDirs(): Promise<void> {
  const dirs = [...made];
  made.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}
