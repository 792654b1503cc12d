/**
 * The local runtime's PM2 ecosystem file as a probe reads it: which apps it
 * declares for a program, how many instances of each, in which mode. What
 * PM2 should be running once the file is applied.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the local runtime writes it (src/runtime/local/pm2.ts): the sandbox's `ecosystem.json`. */
export const ecosystemFileIn = (sandboxDir: string) => join(sandboxDir, 'ecosystem.json');

export interface DeclaredApp {
  readonly name: string;
  readonly instances: number;
  /** `fork` or `cluster`. */
  readonly mode: string;
}

interface EcosystemApp {
  readonly name?: unknown;
  readonly script?: unknown;
  readonly instances?: unknown;
  readonly exec_mode?: unknown;
}

/** The apps `file` declares that run `program`; throws naming the file when it is no ecosystem or an instance count is not a number. */
export async function declaredApps(file: string, program: string): Promise<DeclaredApp[]> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { apps?: unknown };
  if (!Array.isArray(parsed.apps)) throw new Error(`${file} is no PM2 ecosystem: it has no "apps" list`);
  return (parsed.apps as EcosystemApp[])
    .filter((app) => app.script === program)
    .map((app) => {
      const instances = app.instances ?? 1;
      if (typeof instances !== 'number' || !Number.isInteger(instances) || instances < 1)
        throw new Error(`${file}: app ${String(app.name)} declares instances ${JSON.stringify(instances)}; expected a count (1, 2, …)`);
      return { name: String(app.name), instances, mode: modeName(app.exec_mode) };
    });
}

/** PM2 accepts `fork`/`fork_mode`, `cluster`/`cluster_mode`, and defaults to fork. */
export const modeName = (mode: unknown) => (typeof mode === 'string' ? mode.replace(/_mode$/, '') : 'fork');
