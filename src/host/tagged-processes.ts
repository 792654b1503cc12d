/**
 * Every process an environment starts carries FIREDRILL_ENV=<id> in its
 * environment, inherited by daemons and their children, and works inside the
 * sandbox dir. That is how teardown and the reaper find them — by PID, never
 * by name. Both marks are checked because redis-server and postgres rewrite
 * their process title over the environ area, which erases the variable.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export const envTagVariable = 'FIREDRILL_ENV';

export interface Tag {
  readonly id: string;
  readonly dir: string;
}

export async function findTaggedProcesses(tag: Tag): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid !== process.pid && (await isTagged(pid, tag))) pids.push(pid);
  }
  return pids;
}

async function isTagged(pid: number, tag: Tag): Promise<boolean> {
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
  if (cwd === tag.dir || cwd.startsWith(`${tag.dir}/`)) return true;
  const environ = await readFile(`/proc/${pid}/environ`).catch(() => undefined);
  return environ?.includes(`${envTagVariable}=${tag.id}\0`) ?? false;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM, then SIGKILL whatever is still alive after `graceMs`. Returns the pids killed by force. */
export async function terminate(pids: readonly number[], graceMs = 3000): Promise<number[]> {
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = performance.now() + graceMs;
  while (pids.some(isAlive) && performance.now() < deadline) await sleep(50);
  const stubborn = pids.filter(isAlive);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  return stubborn;
}

export async function terminateTagged(tag: Tag, graceMs?: number): Promise<void> {
  // Daemons can fork while we kill: sweep until nothing tagged is left.
  for (let round = 0; round < 5; round++) {
    const pids = await findTaggedProcesses(tag);
    if (pids.length === 0) return;
    await terminate(pids, graceMs);
  }
  const left = await findTaggedProcesses(tag);
  if (left.length > 0) throw new Error(`Environment ${tag.id}: processes ${left.join(', ')} survived SIGKILL`);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
