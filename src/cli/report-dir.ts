/**
 * `--report-dir`, checked before anything starts: an existing directory the
 * run can write in, or one it can create. Missing levels are made one at a
 * time (Node's recursive mkdir loops forever where mkdir answers ENOENT for
 * an existing parent, as under /proc). Every failure is a ConfigError naming
 * the option, the path and what to do.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from './config-error.ts';

/** Returns the absolute path of a directory that exists and takes files. */
export async function prepareReportDir(path: string, option = '--report-dir'): Promise<string> {
  const absolute = resolve(path);
  const fail = (why: string) => new ConfigError(`${option} ${path}: ${why}; give a directory you can write to`);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    const info = await stat(existing).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw fail(`cannot look at ${existing} (${error.code ?? error.message})`);
    });
    if (info?.isDirectory()) break;
    if (info) throw fail(existing === absolute ? 'is not a directory' : `${existing} is not a directory`);
    missing.unshift(existing);
    existing = dirname(existing);
  }
  for (const dir of missing) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw fail(`cannot create ${dir} (${error.code ?? error.message})`);
    });
  }
  const probe = join(absolute, `.firedrill-write-check-${process.pid}`);
  await writeFile(probe, '').catch((error: NodeJS.ErrnoException) => {
    throw fail(`cannot write in it (${error.code ?? error.message})`);
  });
  await rm(probe, { force: true });
  return absolute;
}
