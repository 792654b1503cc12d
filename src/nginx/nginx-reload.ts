/**
 * The switch's last step, on any runtime: `nginx -t`, then `nginx -s reload`, then wait until the master runs a
 * worker it did not run before and every old worker has stopped accepting (it closes its listening sockets as it
 * retitles itself "worker process is shutting down", or has exited): from then on, every new connection gets the
 * new config. The master is seen by its host pid, so this works for an nginx in a container too (/proc).
 */
import { readFileSync } from 'node:fs';
import { waitUntil } from '../clock/wait-until.ts';
import type { NginxLayout } from './nginx-layout.ts';

/** Runs nginx with `args` (`-t`, `-s reload`); throws naming nginx's line on failure (run-nginx.ts). */
export type NginxRunner = (what: string, args: readonly string[]) => Promise<void>;

export async function testAndReload(master: number, layout: NginxLayout, nginx: NginxRunner, timeoutMs = 5_000): Promise<void> {
  await nginx('test its config', ['-t']);
  const before = new Set(workersOf(master));
  await nginx('reload', ['-s', 'reload']);
  await waitUntil(async () => workersOf(master).some((worker) => !before.has(worker)) && [...before].every(notAccepting), {
    what: `nginx (pid ${master}) replacing its workers with ones of the new config (see ${layout.errorLog})`,
    timeoutMs,
    intervalMs: 10,
  });
}

/** The master's children (its workers, old and new during a reload); none once it is gone. */
export function workersOf(master: number): number[] {
  try {
    return readFileSync(`/proc/${master}/task/${master}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // gone
  }
}

function notAccepting(worker: number): boolean {
  try {
    return readFileSync(`/proc/${worker}/cmdline`, 'utf8').includes('shutting down');
  } catch {
    return true; // exited
  }
}
