import { describe, expect, test } from 'vitest';
import { execa } from 'execa';
import { DockerImageMissing } from '../../src/runtime/docker/docker-errors.ts';
import { freePort } from '../../src/host/ports.ts';
import { defaultImages, requireImage, requireImages } from '../../src/runtime/docker/image.ts';
import { Ready } from '../../src/runtime/docker/readiness.ts';
import { startContainer } from '../../src/runtime/docker/start-container.ts';
import { containersOf, noEngine, testEnvId } from './docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

// A child process in its own mount namespace with an empty /run: no engine
// socket to find, whatever runs on this machine. Needs root and unshare.
const canHideEngine = process.getuid?.() === 0 && (await execa('unshare', ['--mount', 'true'], { reject: false })).exitCode === 0;
if (!canHideEngine) console.warn('"no Docker engine" test skipped: needs root and unshare(1) to hide the engine socket');

describe.skipIf(!canHideEngine)('no Docker engine', () => {
  test('checkEngine says how to start one', async () => {
    const script =
      "import { checkEngine } from './src/runtime/docker/engine.ts'; await checkEngine().then(() => process.exit(0), (e) => { console.log(e.message); process.exit(3); });";
    const result = await execa(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount -t tmpfs tmpfs /run && exec "$0" --input-type=module -e "$1"',
        process.execPath,
        script,
      ],
      {
        env: { DOCKER_HOST: '' },
        reject: false,
      },
    );
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^No Docker engine answers \(.+\)\. Start one with: npm run bootstrap -- --docker$/);
  });

  test('under CI the docker release gate fails, naming what to run, instead of skipping', { timeout: 60_000 }, async () => {
    const result = await execa(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        // The gate's one file holds both runtimes: the name picks the docker half (the local one then starts nothing).
        'mount -t tmpfs tmpfs /run && exec "$0" node_modules/vitest/vitest.mjs run --project gate suites/release-gate.test.ts -t "docker runtime"',
        process.execPath,
      ],
      { env: { DOCKER_HOST: '', CI: 'true', FORCE_COLOR: '0' }, reject: false, all: true },
    );
    expect(result.exitCode, result.all).toBe(1);
    expect(result.all).toContain('1 failed');
    expect(result.all).toMatch(
      /release-gate suite \(docker runtime\): required under CI, but unavailable\. .*Start one with: npm run bootstrap -- --docker/,
    );
  });
});

describeWithDocker('images', noEngine, () => {
  test('the local images exist, with their ids', async () => {
    const images = await requireImages(Object.values(defaultImages));
    expect(images.map((image) => image.id)).toEqual(images.map(() => expect.stringMatching(/^sha256:/)));
  });

  test('a missing image is an error naming `npm run images`, and nothing is pulled or started', async () => {
    const envId = testEnvId('missing');
    const start = startContainer({
      envId,
      role: 'db',
      image: 'firedrill/does-not-exist:1',
      readiness: Ready.when('never', async () => false),
    });
    await expect(start).rejects.toThrow(DockerImageMissing);
    await expect(start).rejects.toThrow(/Image "firedrill\/does-not-exist:1" is not in the local Docker engine .*npm run images/);
    expect(await containersOf(envId)).toEqual([]);
  });

  test('every missing image is named at once', async () => {
    await expect(requireImages(['firedrill/nope-a:1', defaultImages.redis, 'firedrill/nope-b:1'])).rejects.toThrow(
      /"firedrill\/nope-a:1", "firedrill\/nope-b:1"/,
    );
    await expect(requireImage(defaultImages.redis)).resolves.toMatchObject({ name: defaultImages.redis });
  });

  test('a container that exits during startup fails at once with its last log lines, and is removed', async () => {
    const envId = testEnvId('crash');
    const started = performance.now();
    const start = startContainer({
      envId,
      role: 'postgres',
      image: defaultImages.postgres,
      env: { PGPORT: '1' },
      readiness: Ready.logLine(/ready to accept/),
      startupTimeoutMs: 20_000,
    });
    await expect(start).rejects.toThrow(/is exited \(exit code 64\).*\n.*POSTGRES_PASSWORD is required/);
    expect(performance.now() - started).toBeLessThan(5000); // not the 20 s timeout
    expect(await containersOf(envId)).toEqual([]);
  });

  test('a container running but never ready fails at its deadline with its last log lines, and is removed', async () => {
    const envId = testEnvId('never-ready');
    const start = startContainer({
      envId,
      role: 'redis',
      image: defaultImages.redis,
      args: ['--port', String(await freePort()), '--bind', '127.0.0.1', '--save', ''],
      readiness: Ready.when('an answer that never comes', async () => false),
      startupTimeoutMs: 1500,
    });
    await expect(start).rejects.toThrow(
      /an answer that never comes not reached after 1500ms; its last log lines:\n(.*\n)*.*Ready to accept connections/,
    );
    expect(await containersOf(envId)).toEqual([]);
  });
});
