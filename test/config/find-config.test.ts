import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../src/config/config-file-error.ts';
import { findConfig, referenceConfigFile } from '../../src/config/find-config.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { tempDir, validConfig, writeConfig } from './config-files.ts';

// Found as vitest finds its config: --config, else the working directory's, else the reference ATS's.
let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('findConfig', () => {
  it('takes the file --config names, relative to the working directory, over one in the working directory', async () => {
    await writeConfig(dir, validConfig());
    await mkdir(join(dir, 'systems'));
    const named = await writeConfig(join(dir, 'systems'), validConfig(), 'staging.config.ts');
    expect(await findConfig('systems/staging.config.ts', dir)).toEqual({ file: named, source: 'option' });
  });

  it('finds firedrill.config.ts, or .mts/.js/.mjs, in the working directory', async () => {
    const mjs = await writeConfig(dir, validConfig(), 'firedrill.config.mjs');
    expect(await findConfig(undefined, dir)).toEqual({ file: mjs, source: 'working directory' });
    const ts = await writeConfig(dir, validConfig());
    expect(await findConfig(undefined, dir)).toEqual({ file: ts, source: 'working directory' });
  });

  it("falls back to the reference ATS's config", async () => {
    expect(await findConfig(undefined, dir)).toEqual({ file: referenceConfigFile, source: 'reference' });
  });

  it('refuses a --config that names nothing, naming the path', async () => {
    const error = await findConfig('nope.config.ts', dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toBe(
      `config ${join(dir, 'nope.config.ts')} has 1 problem; nothing was started:\n  ${join(dir, 'nope.config.ts')}: expected a config file (--config); found nothing at this path`,
    );
  });
});

describe('loadConfig', () => {
  it('reads TypeScript with types, defineConfig and a named `config` export', async () => {
    const file = await writeConfig(
      dir,
      [
        `import { defineConfig, type ConfigInput } from '${join(import.meta.dirname, '..', '..', 'src', 'index.ts')}';`,
        `const declared: ConfigInput = ${JSON.stringify(validConfig())};`,
        'export const config = defineConfig(declared);',
      ].join('\n'),
    );
    const loaded = await loadConfig(file);
    expect(loaded.config.name).toBe('test-system');
    expect(loaded.config.datastores.postgres?.variables).toEqual({
      PGHOST: '{host}',
      PGPORT: '{port}',
      PGUSER: '{user}',
      PGPASSWORD: '{password}',
      PGDATABASE: '{database}',
    });
  });
});
