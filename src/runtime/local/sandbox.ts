/**
 * A sandbox is one environment's private temp dir. It holds an owner marker
 * (the harness pid and its start time) so that a run killed with SIGKILL can be
 * reaped by the next one: a sandbox whose owner is gone has its tagged
 * processes terminated and its dir removed.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { terminateTagged } from './tagged-processes.ts';

export const sandboxRoot = join(tmpdir(), 'firedrill');
const ownerFile = 'owner.json';

interface Owner {
  pid: number;
  startTicks: string;
  createdAt: string;
}

export interface Sandbox {
  readonly id: string;
  readonly dir: string;
}

export async function createSandbox(): Promise<Sandbox> {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const dir = join(sandboxRoot, `env-${id}`);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const owner: Owner = { pid: process.pid, startTicks: await startTicks(process.pid), createdAt: new Date().toISOString() };
  await writeFile(join(dir, ownerFile), JSON.stringify(owner));
  return { id, dir };
}

export async function removeSandbox(sandbox: Sandbox): Promise<void> {
  await terminateTagged(sandbox);
  await rm(sandbox.dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Reaps the sandboxes of runs that died without tearing down. Returns the ids reaped. */
export async function reapOrphans(): Promise<string[]> {
  const entries = await readdir(sandboxRoot).catch(() => [] as string[]);
  const reaped: string[] = [];
  for (const entry of entries.filter((name) => name.startsWith('env-'))) {
    const sandbox = { id: entry.slice('env-'.length), dir: join(sandboxRoot, entry) };
    if (await ownerIsAlive(sandbox.dir)) continue;
    await removeSandbox(sandbox);
    reaped.push(sandbox.id);
  }
  return reaped;
}

async function ownerIsAlive(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, ownerFile), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  const owner = JSON.parse(text) as Owner;
  // A pid can be reused; the start time in /proc tells the same process from a new one.
  return (await startTicks(owner.pid)) === owner.startTicks;
}

async function startTicks(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Field 22 (starttime) comes after the parenthesised command name, which may hold spaces.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}
