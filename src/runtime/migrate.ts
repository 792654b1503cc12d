import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

/** Applies every `NNN_name.sql` in `dir`, in filename order, each in its own transaction. Returns the files applied. */
export async function applyMigrations(connection: pg.ClientConfig, dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const client = new pg.Client(connection);
  await client.connect();
  try {
    for (const file of files) {
      const sql = await readFile(join(dir, file), 'utf8');
      try {
        await client.query(`BEGIN;\n${sql}\nCOMMIT;`);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${join(dir, file)} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.end();
  }
  return files;
}
