import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { rulesFilesIn } from '../monitoring/alert-rules.ts';
import { shownPath } from '../shown-path.ts';

/** Which alert rules the environments' Prometheus loaded, for the evidence: each file and the hash of its bytes. */
export interface AlertRulesIdentity {
  readonly dir: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

/** `dir` is the directory the run passed to every provision (`alertRulesDir`); paths inside the working dir are shown relative to it. */
export async function alertRulesIdentity(dir: string): Promise<AlertRulesIdentity> {
  const files = await Promise.all(
    (await rulesFilesIn(dir)).map(async (path) => ({
      path: shownPath(path),
      sha256: createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    })),
  );
  return { dir: shownPath(dir), files };
}
