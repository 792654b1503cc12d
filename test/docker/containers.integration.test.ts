import { afterAll, beforeAll, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { repoRoot } from '../../src/repo-root.ts';
import type { Container } from '../../src/runtime/docker/container.ts';
import { defaultImages } from '../../src/runtime/docker/image.ts';
import { Ready } from '../../src/runtime/docker/readiness.ts';
import { removeEnvContainers } from '../../src/runtime/docker/reaper.ts';
import { startContainer } from '../../src/runtime/docker/start-container.ts';
import { freePort } from '../../src/host/ports.ts';
import { containersOf, noEngine, pgQuery, redisPing, testEnvId } from './docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

describeWithDocker('docker containers from the local images, on loopback', noEngine, () => {
  const envId = testEnvId('containers');
  const password = `pw'${randomBytes(9).toString('base64url')}`; // a quote, to prove the entrypoint escapes it
  let postgres: Container, redis: Container, node: Container;
  let pgPort: number, redisPort: number, httpPort: number;
  const readyMs: Record<string, number> = {};

  async function timed(role: string, start: () => Promise<Container>): Promise<Container> {
    const started = performance.now();
    const container = await start();
    readyMs[role] = Math.round(performance.now() - started);
    return container;
  }

  beforeAll(async () => {
    [pgPort, redisPort, httpPort] = await Promise.all([freePort(), freePort(), freePort()]);
    postgres = await timed('postgres', () =>
      startContainer({
        envId,
        role: 'postgres',
        image: defaultImages.postgres,
        env: { PGPORT: String(pgPort), POSTGRES_USER: 'ats', POSTGRES_DB: 'ats', POSTGRES_PASSWORD: password },
        readiness: Ready.when(
          `PostgreSQL answering SELECT 1 on ${pgPort}`,
          async () => (await pgQuery(pgPort, password, 'SELECT 1', 500)).length === 1,
        ),
      }),
    );
    redis = await timed('redis', () =>
      startContainer({
        envId,
        role: 'redis',
        image: defaultImages.redis,
        args: ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        readiness: Ready.when(`Redis answering PING on ${redisPort}`, async () => (await redisPing(redisPort, 300)) === 'PONG'),
      }),
    );
    node = await timed('node', () =>
      startContainer({
        envId,
        role: 'hello',
        image: defaultImages.node,
        binds: [{ source: repoRoot, target: repoRoot, mode: 'ro' }],
        workingDir: repoRoot,
        env: { PORT: String(httpPort) },
        args: ['test/docker/hello-server.ts'],
        readiness: Ready.logLine(/hello-server listening/),
      }),
    );
    console.log(`start-to-ready ms: ${JSON.stringify(readyMs)}`);
  });

  afterAll(async () => {
    await removeEnvContainers(envId);
  });

  test('each container answers a real client on its loopback port', async () => {
    expect(await pgQuery(pgPort, password, "SELECT current_user AS user, current_setting('port') AS port")).toEqual([
      { user: 'ats', port: String(pgPort) },
    ]);
    expect(await redisPing(redisPort)).toBe('PONG');
    const body = await (await fetch(`http://127.0.0.1:${httpPort}/hello`)).json();
    expect(body).toEqual({ hello: 'from a container', node: process.version, uid: 1000 });
  });

  test('the wrong password is refused: the role was set up at container start', async () => {
    await expect(pgQuery(pgPort, 'not-the-password', 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });

  test('labels and image id identify the container', async () => {
    expect(await containersOf(envId)).toHaveLength(3);
    expect(await postgres.imageId()).toBe(postgres.image.id);
    expect(postgres.image.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await postgres.pid()).toBeGreaterThan(1);
  });

  test('SIGKILL takes Redis down; start() brings it back ready', async () => {
    await redis.kill('SIGKILL');
    expect(await redis.status()).toBe('exited');
    await expect(redisPing(redisPort, 300)).rejects.toThrow();
    const started = performance.now();
    await redis.start();
    console.log(`redis restart-to-ready ms: ${Math.round(performance.now() - started)}`);
    expect(await redisPing(redisPort)).toBe('PONG');
  });

  test('pause freezes PostgreSQL (a query times out); unpause resumes it', async () => {
    await postgres.pause();
    expect(await postgres.status()).toBe('paused');
    await expect(pgQuery(pgPort, password, 'SELECT 1', 500)).rejects.toThrow(/timeout/i);
    await postgres.unpause();
    expect(await pgQuery(pgPort, password, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  test('stop then start the node service: HTTP goes away, then answers again', async () => {
    await node.stop(2000);
    expect(await node.status()).toBe('exited');
    await expect(fetch(`http://127.0.0.1:${httpPort}/hello`)).rejects.toThrow();
    await node.start();
    expect((await fetch(`http://127.0.0.1:${httpPort}/hello`)).status).toBe(200);
  });

  test('postgres restarted after a stop keeps its role and database', async () => {
    await postgres.stop();
    await postgres.start();
    expect(await pgQuery(pgPort, password, 'SELECT current_database() AS db')).toEqual([{ db: 'ats' }]);
  });

  test('teardown removes every container of the environment, idempotently', async () => {
    expect(await removeEnvContainers(envId)).toHaveLength(3);
    expect(await containersOf(envId)).toEqual([]);
    await postgres.remove(); // already gone: no error
    expect(await postgres.status()).toBe('removed');
  });
});
