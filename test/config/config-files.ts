import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigInput } from '../../src/config/config-schema.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { testTempDir } from '../support/temp-dirs.ts';

/**
 * A small valid config (two services, Postgres and Redis, two links), every
 * path absolute so the file can be written anywhere; tests break one field.
 */
export function validConfig(): ConfigInput & { services: ServiceInput[] } {
  return {
    name: 'test-system',
    datastores: {
      postgres: { version: '15', migrations: join(repoRoot, 'fixtures', 'ats', 'migrations') },
      redis: { version: '7' },
    },
    services: [
      {
        name: 'api',
        local: { command: 'node', args: ['api.js'] },
        portVariable: 'API_PORT',
        paths: { health: '/health' },
        links: {
          postgres: { variables: { DB_PORT: '{port}' } },
          quotes: { name: 'api-quotes', variables: { QUOTES_URL: 'http://{host}:{port}' } },
        },
      },
      {
        name: 'quotes',
        docker: { image: 'team/quotes:1' },
        portVariable: 'QUOTES_PORT',
        paths: { health: '/' },
        links: {},
      },
    ],
    monitoring: { rulesDir: join(repoRoot, 'fixtures', 'prometheus'), alertmanager: { defaultContact: 'slack:@ops' } },
    runbook: join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md'),
    workload: join(repoRoot, 'fixtures', 'ats', 'workload.ts'),
  };
}

type ServiceInput = ConfigInput['services'][number] & { links: NonNullable<ConfigInput['services'][number]['links']> };

export const tempDir = () => testTempDir('config');

/** Writes `source` as a config module; an object is written as its default export. */
export async function writeConfig(dir: string, source: object | string, name = 'firedrill.config.ts'): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof source === 'string' ? source : `export default ${JSON.stringify(source, null, 2)};\n`);
  return file;
}
