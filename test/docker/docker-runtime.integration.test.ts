import { access } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { execa } from 'execa';
import { Redis } from 'ioredis';
import pg from 'pg';
import { expect, it } from 'vitest';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { findTaggedProcesses, isAlive } from '../../src/host/tagged-processes.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { everyServiceScraped } from '../support/monitoring-checks.ts';
import { containersOf, dockerRuntimeUnavailable, redisPing } from './docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

const unavailable = await dockerRuntimeUnavailable('docker runtime tests');
const signal = new AbortController().signal;
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function answersEverything(env: Environment): Promise<void> {
  const vars = env.variables();
  const client = new pg.Client({
    host: vars.PGHOST,
    port: Number(vars.PGPORT),
    user: vars.PGUSER,
    password: vars.PGPASSWORD,
    database: vars.PGDATABASE,
  });
  await client.connect();
  const { rows } = await client.query<{ n: string; superuser: boolean }>(
    "SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orders', 'fills', 'ticks')) AS n, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser",
  );
  await client.end();
  expect(rows[0]).toEqual({ n: '3', superuser: false }); // migrated, and the services' role is a plain one
  const redis = new Redis({ port: Number(vars.REDIS_PORT), lazyConnect: true });
  await redis.connect();
  expect(await redis.ping()).toBe('PONG');
  redis.disconnect();
  for (const name of ['exchange', 'order-gateway', 'market-data', 'risk', 'log-sink', 'log-shipper'] as const) {
    expect((await fetch(`${env.service(name).url}/healthz`)).status, name).toBe(200);
  }
  expect((await fetch(`${vars.ATS_URL}/readyz`)).status, 'gateway ready through the fault proxy').toBe(200);
}

/** Two at once; if one fails, the other is torn down before the failure is reported. */
async function provisionBoth(): Promise<Environment[]> {
  const settled = await Promise.allSettled([dockerRuntime.provision(signal), dockerRuntime.provision(signal)]);
  const envs = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(envs.map((env) => env[Symbol.asyncDispose]()));
    throw failed.reason;
  }
  return envs;
}

describeWithDocker('docker runtime', unavailable, () => {
  it('provisions two isolated environments side by side, with image ids in describe() and Prometheus scraping every service; teardown leaves no container, process or dir', {
    timeout: 120_000,
  }, async () => {
    const envs = await provisionBoth();
    const infos = await Promise.all(envs.map((env) => env.describe()));
    const proxies = await Promise.all(infos.map((info) => findTaggedProcesses(info)));
    try {
      expect(infos.map((info) => info.runtime)).toEqual(['docker', 'docker']);
      const ports = infos.flatMap((info) => Object.values(info.services).map((s) => s.port));
      expect(new Set(ports).size).toBe(ports.length);
      for (const env of envs) await answersEverything(env);
      for (const [name, service] of Object.entries(infos[0]!.services)) {
        const { stdout } = await execa('docker', ['inspect', '--format', '{{.Image}} {{.State.Pid}}', service.container!]);
        expect(stdout, name).toBe(`${service.image!.id} ${service.pid}`);
      }
      expect(infos[0]!.services.postgres!.version).toMatch(/PostgreSQL\) 15\./);
      expect(envs[0]!.variables()).toMatchObject({
        PGHOST: '127.0.0.1',
        ATS_URL: envs[0]!.service('order-gateway').url,
        REDIS_CONTAINER: infos[0]!.services.redis!.container,
      });
      expect(proxies.map((pids) => pids.length)).toEqual([1, 1]); // the fault proxy, a tagged host process
      expect(() => envs[0]!.service('nope' as never)).toThrow(/Unknown service "nope"; known services: postgres, redis/);
      // Monitoring containers (alerts firing and paging are the release gate scenarios' to prove).
      for (const [i, env] of envs.entries()) {
        const { prometheus, alertmanager } = infos[i]!.monitoring!;
        for (const monitor of [prometheus, alertmanager]) {
          expect(monitor.version).toMatch(/^\d+\.\d+/);
          const { stdout } = await execa('docker', ['inspect', '--format', '{{.Image}}', monitor.container!]);
          expect(stdout).toBe(monitor.image!.id);
        }
        expect(env.variables()).toMatchObject({ PROMETHEUS_URL: prometheus.url, ALERTMANAGER_URL: alertmanager.url });
        console.log(`docker: every job up ${Math.round(await everyServiceScraped(env))} ms after provisioning`);
      }
    } finally {
      await Promise.all(envs.map((env) => env[Symbol.asyncDispose]()));
    }
    for (const [i, info] of infos.entries()) {
      expect(await containersOf(info.id)).toEqual([]);
      expect(proxies[i]!.filter(isAlive)).toEqual([]);
      expect(await exists(info.dir)).toBe(false);
      await expect(fetch(info.monitoring!.receiver.url)).rejects.toThrow();
    }
  });

  it('a process fault acts on the container: kill takes Redis down, ensureRunning brings it back ready', { timeout: 60_000 }, async () => {
    await using env = await dockerRuntime.provision(signal);
    const redis = env.service('redis');
    const pid = await redis.pid();
    await redis.kill('SIGKILL');
    expect(await redis.pid()).toBeUndefined();
    await expect(redisPing(redis.port, 300)).rejects.toThrow();
    await redis.kill('SIGKILL'); // not running: a no-op
    await redis.ensureRunning();
    expect(await redisPing(redis.port)).toBe('PONG');
    expect(await redis.pid()).not.toBe(pid);
  });

  it('reaps what a SIGKILLed run left behind at the next provision: containers, fault proxy, sandbox dir', {
    timeout: 120_000,
  }, async () => {
    const child = spawn(process.execPath, ['test/docker/provision-docker-and-wait.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`provisioning child exited ${code}`)));
    });
    const orphan = JSON.parse(line) as { id: string; dir: string; hostPids: number[] };
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await containersOf(orphan.id)).toHaveLength(10); // eight services, Prometheus, Alertmanager: a SIGKILLed harness tears nothing down
    expect(orphan.hostPids.filter(isAlive)).toHaveLength(1);

    const progress: string[] = [];
    await using _next = await dockerRuntime.provision(signal, { onProgress: (message) => progress.push(message) });
    expect(progress[0]).toMatch(new RegExp(`^reaped \\d+ environment\\(s\\) left by a killed run: .*${orphan.id}`));
    expect(await containersOf(orphan.id)).toEqual([]);
    expect(orphan.hostPids.filter(isAlive)).toEqual([]);
    expect(await exists(orphan.dir)).toBe(false);
  });
});
