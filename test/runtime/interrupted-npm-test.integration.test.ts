/**
 * `npm test` interrupted (Ctrl-C: SIGINT to vitest and its workers, or SIGTERM to vitest alone) leaves nothing
 * running: the environment a test file had provisioned (PM2 and its services, PostgreSQL, Redis, Prometheus, the
 * fault proxy) is removed once vitest's workers end (test/support/reap-on-interrupt.ts), not at the next
 * provisioning. Runs alone: it reaps orphans.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { removeSandbox } from '../../src/host/sandbox.ts';
import { findTaggedProcesses, isAlive } from '../../src/host/tagged-processes.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
const fixtureConfig = join(repoRoot, 'test', 'fixtures', 'interrupted-run', 'vitest.config.ts');

interface Started {
  readonly id: string;
  readonly dir: string;
  readonly pids: readonly number[];
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** What the environment still has: its dir, its tagged processes, its services' pids alive. */
async function leftOf(started: Started) {
  return {
    dir: await exists(started.dir),
    tagged: (await findTaggedProcesses(started)).length,
    services: started.pids.filter(isAlive).length,
  };
}

async function waitForInfo(file: string, child: ChildProcess, output: () => string): Promise<Started> {
  for (const deadline = performance.now() + 90_000; performance.now() < deadline; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`vitest exited (${child.exitCode}) before provisioning: ${output()}`);
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text !== '') return JSON.parse(text) as Started;
  }
  throw new Error(`no environment within 90 s: ${output()}`);
}

describe('npm test, interrupted', () => {
  it.each([
    ['Ctrl-C', 'SIGINT', 'the group'],
    ['a CI cancel', 'SIGTERM', 'vitest'],
  ] as const)('by %s (%s to %s): the environment a test file provisioned is removed', { timeout: 180_000 }, async (_, signal, to) => {
    const info = join(await testTempDir('interrupted-npm-test'), 'started.json');
    // Its own process group, as a terminal's foreground job is: Ctrl-C reaches vitest and its workers.
    const child = spawn(process.execPath, [vitest, 'run', '--config', fixtureConfig], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FIREDRILL_INTERRUPT_INFO: info, CI: '' },
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = await waitForInfo(info, child, () => output);
    try {
      expect(await leftOf(started), 'provisioned').toMatchObject({ dir: true, services: started.pids.length });
      const exited = once(child, 'exit');
      process.kill(to === 'the group' ? -child.pid! : child.pid!, signal);
      await exited;
      expect(output).toMatch(new RegExp(`firedrill: ${signal}: removing what the interrupted tests started`));
      let left = await leftOf(started);
      for (const deadline = performance.now() + 60_000; performance.now() < deadline && Object.values(left).some(Boolean); await sleep(500))
        left = await leftOf(started);
      expect(left, output).toEqual({ dir: false, tagged: 0, services: 0 });
    } finally {
      await removeSandbox(started);
    }
  });
});
