/**
 * A sandbox is one environment's private temp dir. It holds an owner marker
 * (the harness pid and its start time) so that a run killed with SIGKILL can be
 * reaped by the next one: a sandbox whose owner is gone has its tagged
 * processes terminated and its dir removed. It is mode 0700: other users
 * cannot list or read it while it lives, or after a SIGKILL until reaped.
 */
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { currentOwner, ownerIsAlive } from './process-owner.ts';
import { terminateTagged } from './tagged-processes.ts';

export const sandboxRoot = join(tmpdir(), 'firedrill');
const ownerFile = 'owner.json';

interface Owner {
  /** `<pid>:<start ticks>` of the harness process (process-owner.ts). */
  owner: string;
  createdAt: string;
}

export interface Sandbox {
  readonly id: string;
  readonly dir: string;
}

export async function createSandbox(): Promise<Sandbox> {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const dir = join(sandboxRoot, `env-${id}`);
  // Made under another name and renamed with its owner marker inside, so a
  // concurrent reaper never sees an env dir without an owner.
  const making = join(sandboxRoot, `.making-${id}`);
  await mkdir(sandboxRoot, { recursive: true, mode: 0o755 });
  // Private: it holds files with the environment's passwords (0600 each). A
  // service running as another user is let through by whoever starts it
  // (postgres-server.ts); a container reaches its bind mounts without it.
  await mkdir(making, { mode: 0o700 });
  await chmod(making, 0o700);
  const owner: Owner = { owner: currentOwner(), createdAt: new Date().toISOString() };
  await writeFile(join(making, ownerFile), JSON.stringify(owner));
  await rename(making, dir);
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
    if (await sandboxOwnerIsAlive(sandbox.dir)) continue;
    await removeSandbox(sandbox);
    reaped.push(sandbox.id);
  }
  return reaped;
}

async function sandboxOwnerIsAlive(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, ownerFile), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    return ownerIsAlive((JSON.parse(text) as Owner).owner);
  } catch {
    return false; // a torn marker: its run died while writing it
  }
}
