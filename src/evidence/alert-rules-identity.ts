import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { rulesFilesIn } from '../runtime/alert-rules.ts';

/** Which alert rules the environments' Prometheus loaded, for the evidence: each file and the hash of its bytes. */
export interface AlertRulesIdentity {
  readonly dir: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

/** `dir` is the directory the run passed to every provision (`alertRulesDir`). */
export async function alertRulesIdentity(dir: string): Promise<AlertRulesIdentity> {
  // Relative to the working directory when inside it (the repository's own rules), else absolute.
  const shown = (path: string) => {
    const inside = relative(process.cwd(), path);
    return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
  };
  const files = await Promise.all(
    (await rulesFilesIn(dir)).map(async (path) => ({
      path: shown(path),
      sha256: createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    })),
  );
  return { dir: shown(resolve(dir)), files };
}
