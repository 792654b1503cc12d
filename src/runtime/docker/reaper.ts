/**
 * Removes firedrill's containers by label — never by name or image:
 *   - every container of one environment (teardown, or after a failed start);
 *   - every container whose owning harness process is gone (a SIGKILLed run),
 *     at the next start;
 *   - at process exit, the containers of environments not yet torn down.
 *
 * This uses the docker CLI, not testcontainers: an 'exit' handler can only run
 * synchronous code, and testcontainers lists running containers only, while a
 * killed run can leave created, exited or paused ones.
 */
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { envLabel, firedrillLabel, ownerLabel } from './labels.ts';
import { dockerBin } from './docker-bin.ts';
import { ownerIsAlive } from '../../host/process-owner.ts';

/** Removes every container labelled with `envId`. Returns the ids removed. */
export async function removeEnvContainers(envId: string): Promise<string[]> {
  const { stdout } = await execa(dockerBin, ['ps', '-aq', '--no-trunc', '--filter', `label=${envLabel}=${envId}`]);
  return removeContainerIds(stdout.split('\n').filter(Boolean));
}

/**
 * Removes the containers whose owner process is gone. Returns the environment ids reaped. Only containers with an
 * owner label: every container of firedrill's images carries the images' `firedrill=1`, the throwaway ones a step or
 * a provision runs (`docker run --rm … id`) included, and reaping those killed another lane's provision (exit 137).
 */
export async function reapOrphanContainers(): Promise<string[]> {
  const format = `{{.ID}}\t{{.Label "${ownerLabel}"}}\t{{.Label "${envLabel}"}}`;
  const filters = ['--filter', `label=${firedrillLabel}=1`, '--filter', `label=${ownerLabel}`];
  const { stdout } = await execa(dockerBin, ['ps', '-a', '--no-trunc', ...filters, '--format', format]);
  const orphans = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .filter(([, owner]) => !ownerIsAlive(owner ?? ''));
  await removeContainerIds(orphans.map(([id]) => id!));
  return [...new Set(orphans.map(([, , env]) => env ?? '?'))];
}

/** `docker rm -f -v` (SIGKILL first, paused ones included); one already gone or being removed is no error. Returns `ids`. */
export async function removeContainerIds(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  // `rm -f` kills first, paused containers included. A container already gone, or being removed by a
  // concurrent reaper (two provisions starting at once), is not an error worth failing teardown.
  const result = await execa(dockerBin, ['rm', '-f', '-v', ...ids], { reject: false });
  const benign = /No such container|removal of container \S+ is already in progress/;
  const errors = result.stderr.split('\n').filter((line) => line.trim() !== '' && !benign.test(line));
  if (result.exitCode !== 0 && errors.length > 0) {
    throw new Error(`docker rm -f ${ids.join(' ')} failed (exit ${result.exitCode}): ${result.stderr}`);
  }
  return ids;
}

const removeAtExit = new Set<string>();
let exitHookInstalled = false;

/** Until `forgetAtExit(envId)`, the environment's containers are removed when this process exits. */
export function removeAtExitOf(envId: string): void {
  removeAtExit.add(envId);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const id of removeAtExit) removeEnvContainersSync(id);
  });
}

export function forgetAtExit(envId: string): void {
  removeAtExit.delete(envId);
}

function removeEnvContainersSync(envId: string): void {
  try {
    const options = { encoding: 'utf8' as const, timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[] };
    const ids = execFileSync(dockerBin, ['ps', '-aq', '--filter', `label=${envLabel}=${envId}`], options)
      .split('\n')
      .filter(Boolean);
    if (ids.length > 0) execFileSync(dockerBin, ['rm', '-f', '-v', ...ids], options);
  } catch {
    // exiting: nothing left to report to; the next run's reapOrphanContainers() catches what is left
  }
}
