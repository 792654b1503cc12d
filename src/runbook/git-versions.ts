import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { execa } from 'execa';

/** Disposing removes the temp copy of the head version, if one was made. */
export interface RunbookVersions extends AsyncDisposable {
  /** The runbook's path inside its repository. */
  readonly pathInRepo: string;
  /** The file's text at `base`, or undefined when it did not exist there. */
  readonly baseText: string | undefined;
  /** A file holding the head version: the working tree's file, or a temp copy of it at `head`. */
  readonly headFile: string;
  readonly headLabel: string;
}

/** Reads a runbook at two git revisions of the repository that holds it; errors name the revision. */
export async function runbookVersions(file: string, base: string, head: string | undefined): Promise<RunbookVersions> {
  const absolute = resolve(file);
  const git = (...args: string[]) => execa('git', ['-C', dirname(absolute), ...args]);
  const top = (
    await git('rev-parse', '--show-toplevel').catch(() => {
      throw new Error(`${file} is not inside a git repository`);
    })
  ).stdout.trim();
  const pathInRepo = relative(top, absolute);
  await git('rev-parse', '--verify', `${base}^{commit}`).catch(() => {
    throw new Error(`--base ${base}: no such revision in ${top}`);
  });
  const show = (rev: string) =>
    git('show', `${rev}:${pathInRepo}`).then(
      (r) => `${r.stdout}\n`,
      () => undefined,
    );
  const baseText = await show(base);
  const nothingToRemove = async () => {};
  if (head === undefined)
    return { pathInRepo, baseText, headFile: absolute, headLabel: 'the working tree', [Symbol.asyncDispose]: nothingToRemove };
  const headText = await show(head);
  if (headText === undefined) throw new Error(`--head ${head}: ${pathInRepo} does not exist at that revision`);
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-runbook-'));
  const headFile = join(dir, basename(absolute));
  await writeFile(headFile, headText);
  return { pathInRepo, baseText, headFile, headLabel: head, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}
