import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

/** What a system's database starts from: its migrations (`NNN_name.sql`, in filename order), then its seed. */
export interface DatabaseSetup {
  readonly migrations?: string;
  readonly seed?: string;
}

/** Applies every `NNN_name.sql` in `dir`, in filename order, each in its own transaction. Returns the files applied. */
export async function applyMigrations(connection: pg.ClientConfig, dir: string): Promise<string[]> {
  return applyDatabaseSetup(connection, { migrations: dir });
}

/** Applies the migrations, then the seed, each file in its own transaction; a failure names the file. Returns the files applied. */
export async function applyDatabaseSetup(connection: pg.ClientConfig, setup: DatabaseSetup): Promise<string[]> {
  const migrations = setup.migrations
    ? (await readdir(setup.migrations))
        .filter((name) => name.endsWith('.sql'))
        .sort()
        .map((name) => join(setup.migrations!, name))
    : [];
  const files = [...migrations, ...(setup.seed ? [setup.seed] : [])];
  if (files.length === 0) return [];
  const client = new pg.Client(connection);
  await client.connect();
  try {
    for (const file of files) {
      const sql = await readFile(file, 'utf8');
      try {
        await client.query(`BEGIN;\n${sql}\nCOMMIT;`);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.end();
  }
  return files.map((file) => file.split('/').at(-1)!);
}
