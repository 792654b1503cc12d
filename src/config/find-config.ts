/**
 * Which config a command uses, as vitest and Playwright find theirs: the file
 * named by `--config`, else `firedrill.config.ts` (or .mts/.js/.mjs) in the
 * working directory, else the reference ATS's own config, so a checkout with
 * no config drills the system it ships.
 */
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { repoRoot } from '../repo-root.ts';
import { ConfigFileError } from './config-file-error.ts';

export const referenceConfigFile = join(repoRoot, 'fixtures', 'ats', 'firedrill.config.ts');
export const configFileNames = ['firedrill.config.ts', 'firedrill.config.mts', 'firedrill.config.js', 'firedrill.config.mjs'] as const;

/** How the file was found: named by --config, found in the working directory, or the reference ATS's by default. */
export type ConfigSource = 'option' | 'working directory' | 'reference';

export interface FoundConfig {
  readonly file: string;
  readonly source: ConfigSource;
}

export async function findConfig(explicit: string | undefined, cwd: string = process.cwd()): Promise<FoundConfig> {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!(await exists(file)))
      throw new ConfigFileError(file, [{ field: '', message: 'expected a config file (--config); found nothing at this path' }]);
    return { file, source: 'option' };
  }
  for (const name of configFileNames) {
    const file = join(cwd, name);
    if (await exists(file)) return { file, source: 'working directory' };
  }
  return { file: referenceConfigFile, source: 'reference' };
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
