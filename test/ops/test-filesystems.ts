/**
 * Two tiny filesystems for the backup scripts' failure tests: a read-only one
 * and a 64 KiB one that a backup fills. Mounting needs root (as on these
 * machines); without it, `problem` says why, and each directory throws it.
 * `unmount` is safe to call twice.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export interface TestFilesystems {
  /** Why they could not be mounted; undefined when they are. */
  readonly problem?: string;
  readOnly(): string;
  full(): string;
  unmount(): Promise<void>;
}

export async function mountTestFilesystems(): Promise<TestFilesystems> {
  const base = await mkdtemp(join(tmpdir(), 'firedrill-backup-fs-'));
  const readOnly = join(base, 'read-only');
  const full = join(base, 'full');
  const mounted: string[] = [];
  let problem: string | undefined;
  try {
    for (const [dir, options] of [
      [readOnly, 'size=64k,ro'],
      [full, 'size=64k'],
    ] as const) {
      await mkdir(dir);
      await execa('mount', ['-t', 'tmpfs', '-o', options, 'firedrill-backup-test', dir]);
      mounted.push(dir);
    }
  } catch (error) {
    problem = `cannot mount a tmpfs (root needed): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
  const dir = (path: string) => () => {
    if (problem) throw new Error(problem);
    return path;
  };
  return {
    ...(problem ? { problem } : {}),
    readOnly: dir(readOnly),
    full: dir(full),
    async unmount() {
      while (mounted.length > 0) await execa('umount', [mounted.pop()!]);
      await rm(base, { recursive: true, force: true });
    },
  };
}
