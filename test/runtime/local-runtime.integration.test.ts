import { access } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { reapOrphans } from '../../src/host/sandbox.ts';
import { findTaggedProcesses, isAlive } from '../../src/host/tagged-processes.ts';
import { stepVariableNames } from '../../src/runtime/step-variable-names.ts';
import { referenceTopology } from '../../src/topology/topology.ts';
import { everyServiceScraped } from '../support/monitoring-checks.ts';

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
  const { rows } = await client.query<{ n: string }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('orders', 'fills', 'ticks')",
  );
  await client.end();
  expect(Number(rows[0]?.n)).toBe(3);
  const redis = new Redis({ port: Number(vars.REDIS_PORT), lazyConnect: true });
  await redis.connect();
  expect(await redis.ping()).toBe('PONG');
  redis.disconnect();
  for (const name of ['exchange', 'order-gateway', 'market-data', 'risk', 'log-sink', 'log-shipper'] as const) {
    expect((await fetch(`${env.service(name).url}/healthz`)).status, name).toBe(200);
  }
}

describe('local runtime', () => {
  it('provisions two isolated environments side by side, each with its own Prometheus scraping every service; teardown leaves no process and no dir', {
    timeout: 120_000,
  }, async () => {
    const envs = await Promise.all([localRuntime.provision(signal), localRuntime.provision(signal)]);
    const infos = await Promise.all(envs.map((env) => env.describe()));
    try {
      const ports = infos.flatMap((info) => Object.values(info.services).map((s) => s.port));
      expect(new Set(ports).size).toBe(ports.length);
      expect(infos[0]!.dir).not.toBe(infos[1]!.dir);
      for (const env of envs) await answersEverything(env);
      expect(envs[0]!.variables()).toMatchObject({ PGHOST: '127.0.0.1', ATS_URL: envs[0]!.service('order-gateway').url });
      // What the linter tells ShellCheck a step gets is what a step gets.
      expect(stepVariableNames(await referenceTopology())).toEqual(expect.arrayContaining(Object.keys(envs[0]!.variables())));
      expect(() => envs[0]!.service('nope' as never)).toThrow(/Unknown service "nope"; known services: postgres, redis/);
      // Monitoring (alerts firing and paging are the release gate scenarios' to prove).
      for (const [i, env] of envs.entries()) {
        const { prometheus, alertmanager } = infos[i]!.monitoring!;
        expect([prometheus.version, alertmanager.version]).toEqual([
          expect.stringMatching(/^\d+\.\d+/),
          expect.stringMatching(/^\d+\.\d+/),
        ]);
        expect(env.variables()).toMatchObject({ PROMETHEUS_URL: prometheus.url, ALERTMANAGER_URL: alertmanager.url });
        console.log(`local: every job up ${Math.round(await everyServiceScraped(env))} ms after provisioning`);
      }
    } finally {
      await Promise.all(envs.map((env) => env[Symbol.asyncDispose]()));
    }
    for (const info of infos) {
      const pids = [
        ...Object.values(info.services).map((s) => s.pid!),
        info.monitoring!.prometheus.pid!,
        info.monitoring!.alertmanager.pid!,
      ];
      expect(pids.filter(isAlive)).toEqual([]);
      expect(await findTaggedProcesses(info)).toEqual([]);
      expect(await exists(info.dir)).toBe(false);
      await expect(fetch(info.monitoring!.receiver.url)).rejects.toThrow();
    }
  });

  it('reaps what a SIGKILLed run left behind: processes (Prometheus and Alertmanager too) and sandbox dir', {
    timeout: 120_000,
  }, async () => {
    const child = spawn(process.execPath, ['test/support/provision-and-wait.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`provisioning child exited ${code}`)));
    });
    const orphan = JSON.parse(line) as { id: string; dir: string; pids: number[] };
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(orphan.pids.filter(isAlive)).toHaveLength(orphan.pids.length); // a SIGKILLed harness tears nothing down
    const reaped = await reapOrphans();
    expect(reaped).toContain(orphan.id);
    expect(orphan.pids.filter(isAlive)).toEqual([]);
    expect(await findTaggedProcesses(orphan)).toEqual([]);
    expect(await exists(orphan.dir)).toBe(false);
  });
});
