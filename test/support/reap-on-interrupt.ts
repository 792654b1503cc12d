/**
 * vitest's globalSetup: an interrupted `npm test` leaves nothing running.
 *
 *   SIGINT / SIGTERM ──> this handler (main process, synchronous: vitest exits a millisecond later)
 *                        └─ spawns, detached, reap-interrupted-run.ts <its workers, as pid:start-time>
 *                             waits for the workers to end (SIGKILL after 5 s) ──> removes what they owned
 *
 * Interrupted, vitest exits at once and its workers die (Ctrl-C reaches them too) without their afterAll: the
 * environments of the files in flight (PM2 and its services, PostgreSQL, Redis, Prometheus, containers) would run
 * until the next provisioning reaped them. The reaper removes only what belonged to processes that have ended (a
 * sandbox's or a container's owner), never another run's.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerOf } from '../../src/host/process-owner.ts';

const reaper = join(import.meta.dirname, 'reap-interrupted-run.ts');
// Each project runs its globalSetup in this one process: one handler per signal.
const installed = Symbol.for('firedrill.reapOnInterrupt');

export default function setup(): void {
  const flags = process as unknown as Record<symbol, boolean | undefined>;
  if (flags[installed]) return;
  flags[installed] = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => onInterrupt(signal));
}

function onInterrupt(signal: NodeJS.Signals): void {
  const workers = childrenOf(process.pid);
  process.stderr.write(
    `\nfiredrill: ${signal}: removing what the interrupted tests started (environments, containers) once their ${workers.length} worker(s) end, in the background\n`,
  );
  spawn(process.execPath, [reaper, ...workers], { detached: true, stdio: 'ignore' }).unref();
  // vitest exits on the signal itself; were this the only listener, the signal's default action must still happen.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** The processes whose parent is `pid`, as owners (`pid:start-time`, src/host/process-owner.ts), from /proc, read synchronously. */
function childrenOf(pid: number): string[] {
  const children: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(ownerOf(Number(entry)));
  }
  return children;
}
