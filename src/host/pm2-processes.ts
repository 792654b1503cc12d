/**
 * The OS processes PM2 runs for an environment, read from /proc rather than
 * from PM2's list: what runs, not what PM2 believes runs. PM2 gives each
 * process its app's record in the environment: a fork-mode process as
 * variables (`name`, `pm_exec_path`, `exec_mode`), a cluster worker as one
 * JSON variable, `pm2_env`. The program (`pm_exec_path`) survives a rename of
 * the app, so a second copy under another name is still found.
 */
import { readdir, readFile } from 'node:fs/promises';
import { envTagVariable } from './tagged-processes.ts';

export interface Pm2Process {
  readonly pid: number;
  /** The PM2 app it runs as. */
  readonly app: string;
  /** The program PM2 runs (the app's script). */
  readonly program: string;
  /** `fork_mode` or `cluster_mode`. */
  readonly mode: string;
}

/** What PM2 says of process `pid` in its environment; undefined when it is gone or no PM2 app. */
export async function pm2Process(pid: number): Promise<Pm2Process | undefined> {
  const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => undefined);
  return environ === undefined ? undefined : fromEnviron(pid, environ);
}

/** Every live process of environment `envId` (its tag) that PM2 runs `program` in, whatever the app's name. */
export async function pm2ProcessesRunning(envId: string, program: string): Promise<Pm2Process[]> {
  const found: Pm2Process[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (!environ.includes(`${envTagVariable}=${envId}\0`)) continue;
    const seen = fromEnviron(pid, environ);
    if (seen?.program === program) found.push(seen);
  }
  return found.sort((a, b) => a.pid - b.pid);
}

function fromEnviron(pid: number, environ: string): Pm2Process | undefined {
  const vars = new Map<string, string>();
  for (const pair of environ.split('\0')) {
    const at = pair.indexOf('=');
    if (at > 0) vars.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const cluster = parseRecord(vars.get('pm2_env'));
  const field = (key: string) => vars.get(key) ?? stringOf(cluster?.[key]);
  const program = field('pm_exec_path');
  if (program === undefined) return undefined;
  return { pid, app: field('name') ?? '?', program, mode: field('exec_mode') ?? '?' };
}

function parseRecord(json: string | undefined): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const stringOf = (value: unknown) => (typeof value === 'string' ? value : undefined);
