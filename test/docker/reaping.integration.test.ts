import { expect, test } from 'vitest';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { reapOrphanContainers, removeEnvContainers } from '../../src/runtime/docker/reaper.ts';
import { Ready } from '../../src/runtime/docker/readiness.ts';
import { startContainer } from '../../src/runtime/docker/start-container.ts';
import { dockerBin } from '../../src/runtime/docker/docker-bin.ts';
import { freePort } from '../../src/host/ports.ts';
import { containersOf, noEngine, testEnvId } from './docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

const child = fileURLToPath(new URL('./owner-child.ts', import.meta.url));

/**
 * Runs owner-child.ts until its container exists (seen through the engine).
 * The child is returned inside an object: an execa subprocess is a thenable,
 * and returning it from an async function would wait for it to exit.
 */
async function ownerWithContainer(envId: string, mode: 'hang' | 'exit') {
  const owner = execa(process.execPath, [child], {
    env: { ENV_ID: envId, PORT: String(await freePort()), MODE: mode },
    reject: false,
    all: true,
  });
  let ended = false;
  void owner.then(() => (ended = true));
  await waitUntil(
    async () => {
      if (ended && mode === 'hang') throw new Error(`owner-child ended early: ${(await owner).stderr}`);
      return ended || (await containersOf(envId)).length === 1;
    },
    { what: `owner-child's container for ${envId}`, timeoutMs: 15_000, intervalMs: 100 },
  );
  return { owner };
}

// Container start and removal take seconds each when other jobs load the machine: 30 s was
// exceeded once in CI by each test (about 1 s each on a quiet machine). The first says where its time went.
describeWithDocker('reaping firedrill containers by label', noEngine, () => {
  test("a SIGKILLed owner's containers are reaped by the next start; a live owner's are left alone", { timeout: 90_000 }, async () => {
    const testStarted = performance.now();
    const mark = (what: string) => console.log(`+${Math.round(performance.now() - testStarted)} ms: ${what}`);
    const deadEnv = testEnvId('killed');
    const liveEnv = testEnvId('live');
    const mine = await startContainer({
      envId: liveEnv,
      role: 'redis',
      image: 'firedrill/redis:7',
      args: ['--port', String(await freePort()), '--bind', '127.0.0.1', '--save', ''],
      readiness: Ready.logLine(/Ready to accept connections/),
    });
    mark("the live owner's container is ready");
    try {
      const { owner } = await ownerWithContainer(deadEnv, 'hang');
      mark('the owner that will be killed has its container');
      owner.kill('SIGKILL');
      await owner;
      expect(await containersOf(deadEnv)).toHaveLength(1); // SIGKILL runs no teardown

      const started = performance.now();
      const reaped = await reapOrphanContainers();
      console.log(`reaped ${reaped.join(', ')} in ${Math.round(performance.now() - started)} ms`);
      expect(reaped).toContain(deadEnv);
      expect(reaped).not.toContain(liveEnv);
      expect(await containersOf(deadEnv)).toEqual([]);
      expect(await mine.status()).toBe('running');
    } finally {
      await removeEnvContainers(liveEnv);
    }
  });

  test("a throwaway container of firedrill's images (the images' firedrill=1 label, no owner) is not reaped", {
    timeout: 90_000,
  }, async () => {
    // What a provision's or a step's `docker run --rm … id` is while another lane's reaper runs: it must live on.
    const { stdout: id } = await execa(dockerBin, [
      'run',
      '-d',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'sleep',
      'firedrill/redis:7',
      '30',
    ]);
    try {
      await reapOrphanContainers();
      const { stdout: state } = await execa(dockerBin, ['inspect', '-f', '{{.State.Running}}', id.trim()]);
      expect(state.trim()).toBe('true');
    } finally {
      await execa(dockerBin, ['rm', '-f', id.trim()], { reject: false });
    }
  });

  test('an owner that exits without teardown removes its containers on exit', { timeout: 90_000 }, async () => {
    const envId = testEnvId('exited');
    const { owner } = await ownerWithContainer(envId, 'exit');
    const ended = await owner;
    expect(ended.exitCode, `owner-child's output: ${ended.all}`).toBe(0);
    expect(await containersOf(envId)).toEqual([]);
  });
});
