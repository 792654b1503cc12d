/**
 * Where an environment's Prometheus takes its alert rules from: a directory
 * of rules files, passed explicitly (`firedrill run --alert-rules DIR`, the
 * `alertRulesDir` option of runScenarios and of provision), else the
 * repository's fixtures/prometheus.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { repoRoot } from '../repo-root.ts';

export const defaultAlertRulesDir = join(repoRoot, 'fixtures', 'prometheus');

/** The `*.yml` / `*.yaml` files of `dir`, sorted, as absolute paths; throws naming the dir when it has none. */
export async function rulesFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Alert rules directory ${dir} cannot be read (${error.code ?? error.message})`);
  });
  const files = names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(resolve(dir), name));
  if (files.length === 0) throw new Error(`Alert rules directory ${dir} has no *.yml or *.yaml rules file`);
  return files;
}
