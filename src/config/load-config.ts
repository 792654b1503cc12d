/**
 * Reads a config file: imports it (Node runs TypeScript itself, stripping the
 * types), takes its config from the default export or a named `config`,
 * validates the shape (zod), then what the fields say about each other and
 * the paths they name, and fingerprints the file for the evidence. Any
 * problem is a ConfigFileError listing them all.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { type SystemConfig, configSchema } from './config-schema.ts';
import { ConfigFileError, fieldPath } from './config-file-error.ts';
import { pathProblems, withAbsolutePaths } from './config-paths.ts';
import { crossCheck } from './cross-check.ts';
import { type ConfigSource, findConfig, referenceConfigFile } from './find-config.ts';

export interface LoadedConfig {
  /** Absolute. */
  readonly file: string;
  readonly source: ConfigSource;
  /** Of the file's bytes (not of the modules it imports). */
  readonly sha256: string;
  /** Validated, every path absolute. */
  readonly config: SystemConfig;
}

/** The config a command uses (see find-config.ts): `--config FILE`, the working directory's, or the reference ATS's. */
export async function loadConfigFor(explicit: string | undefined, cwd?: string): Promise<LoadedConfig> {
  const { file, source } = await findConfig(explicit, cwd);
  return loadConfig(file, source);
}

/** The reference ATS's config (fixtures/ats/firedrill.config.ts). */
export function loadReferenceConfig(): Promise<LoadedConfig> {
  return loadConfig(referenceConfigFile, 'reference');
}

export async function loadConfig(file: string, source: ConfigSource = 'option'): Promise<LoadedConfig> {
  const [bytes, exported] = await Promise.all([
    readFile(file).catch((error: NodeJS.ErrnoException) => fail(file, `expected a readable config file; ${error.code ?? error.message}`)),
    exportedConfig(file),
  ]);
  const parsed = configSchema.safeParse(exported);
  if (!parsed.success)
    throw new ConfigFileError(
      file,
      parsed.error.issues.map((issue) => ({
        field: fieldPath(issue.path),
        // A record's bad key: what its own schema says about it, not zod's "Invalid key in record".
        message: issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join('; ') : issue.message,
      })),
    );
  const problems = [...crossCheck(parsed.data), ...(await pathProblems(parsed.data, file))];
  if (problems.length > 0) throw new ConfigFileError(file, problems);
  return { file, source, sha256: createHash('sha256').update(bytes).digest('hex'), config: withAbsolutePaths(parsed.data, file) };
}

async function exportedConfig(file: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    return fail(file, `expected a module that loads; importing it failed: ${(error as Error).message}`);
  }
  if (module.default !== undefined) return module.default;
  if (module.config !== undefined) return module.config;
  const names = Object.keys(module);
  return fail(
    file,
    `expected a default export (export default defineConfig({ … })) or a named export "config"; it exports ${names.length === 0 ? 'nothing' : names.join(', ')}`,
  );
}

function fail(file: string, message: string): never {
  throw new ConfigFileError(file, [{ field: '', message }]);
}
