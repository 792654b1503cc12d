/**
 * Processes by descent, from /proc's parent links, and SIGKILL to many at once (a host lost: nothing gets to
 * shut down, and a supervisor killed with its children cannot restart them).
 */
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

interface Stat {
  readonly state: string;
  readonly parent: number;
}

async function statOf(pid: number): Promise<Stat | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', parent: Number(fields[1]) };
}

/** Each live process's parent. */
async function parents(): Promise<Map<number, number>> {
  const links = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = await statOf(pid);
    if (stat && stat.state !== 'Z') links.set(pid, stat.parent);
  }
  return links;
}

/**
 * Every live process descending from the labelled roots (the roots included), each with the label of its nearest
 * labelled ancestor: with `{ pm2: daemon, 'order-gateway': app }` the app's children are order-gateway's.
 */
export async function labelledTrees(roots: ReadonlyMap<number, string>): Promise<Map<number, string>> {
  const links = await parents();
  const labelled = new Map<number, string>();
  for (const pid of links.keys()) {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = links.get(at)) {
      const label = roots.get(at);
      if (label !== undefined) {
        labelled.set(pid, label);
        break;
      }
    }
  }
  return labelled;
}

/** Alive and not a zombie (a zombie has ended; only its parent's wait is missing). */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await statOf(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/** SIGKILL to every pid at once; resolves once none runs, or throws naming the ones left after timeoutMs. */
export async function killAllNow(pids: readonly number[], timeoutMs = 5_000): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  const deadline = performance.now() + timeoutMs;
  let left = pids;
  while (left.length > 0) {
    left = (await Promise.all(left.map(async (pid) => ((await isRunning(pid)) ? [pid] : [])))).flat();
    if (left.length === 0) return;
    if (performance.now() > deadline) throw new Error(`processes ${left.join(', ')} still run ${timeoutMs} ms after SIGKILL`);
    await sleep(20);
  }
}
