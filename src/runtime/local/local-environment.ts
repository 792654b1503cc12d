import { execa } from 'execa';
import type { FaultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import type { Environment, EnvironmentInfo, ServiceHandle, ServiceName } from '../runtime.ts';
import { serviceNames } from '../runtime.ts';
import { untrack } from '../live-environments.ts';
import { describeFaultProxy } from '../links.ts';
import { lookups } from '../lookups.ts';
import { commonStepVariables } from '../step-variables.ts';
import { waitForHttp } from '../wait-for-http.ts';
import type { AtsConnection, AtsPorts, NodeServiceName } from './ats-services.ts';
import type { Pm2 } from './pm2.ts';
import { postgresBin, type PostgresServer } from './postgres-server.ts';
import { redisServerBin, type RedisServer } from './redis-server.ts';
import { removeSandbox, type Sandbox } from './sandbox.ts';
import type { Monitoring } from '../monitoring.ts';

export interface LocalParts {
  sandbox: Sandbox;
  ports: AtsPorts;
  postgres: PostgresServer;
  redis: RedisServer;
  pm2: Pm2;
  connection: AtsConnection;
  faultProxy: FaultProxyClient;
  monitoring: Monitoring;
}

export function createLocalEnvironment(parts: LocalParts): Environment {
  const byName = lookups((name) => serviceHandle(parts, name), parts.faultProxy);
  let disposed: Promise<void> | undefined;
  return {
    id: parts.sandbox.id,
    runtime: 'local',
    ...byName,
    variables: () => variables(parts),
    secrets: () => [parts.postgres.password, parts.postgres.adminPassword],
    describe: () => describe(parts, byName.service),
    webhookReceiver: () => parts.monitoring.receiver,
    [Symbol.asyncDispose]() {
      disposed ??= teardown(parts).finally(() => untrack(this));
      return disposed;
    },
  };
}

function serviceHandle(parts: LocalParts, name: ServiceName): ServiceHandle {
  const port = parts.ports[name];
  const isNode = name !== 'postgres' && name !== 'redis';
  const url = isNode ? `http://127.0.0.1:${port}` : undefined;
  const pid = () => (name === 'postgres' ? parts.postgres.pid() : name === 'redis' ? parts.redis.pid() : parts.pm2.pid(name));
  return {
    name,
    port,
    url,
    pid,
    async kill(signal) {
      const current = await pid();
      if (current) process.kill(current, signal);
    },
    async ensureRunning() {
      if (name === 'postgres') return parts.postgres.start();
      if (name === 'redis') return parts.redis.start();
      if (!(await pid())) await parts.pm2.startOne(name as NodeServiceName);
      await waitForHttp(`${url}/healthz`, { what: name, timeoutMs: 20_000 });
    },
    async pause() {
      const current = await pid();
      if (!current) throw new Error(`${name} is not running: there is no process to pause`);
      process.kill(current, 'SIGSTOP');
      return current;
    },
    async resume(frozen) {
      if ((await pid()) === frozen) process.kill(frozen, 'SIGCONT');
    },
  };
}

function variables(parts: LocalParts): Record<string, string> {
  return {
    ...commonStepVariables({
      ...parts,
      faultProxyUrl: parts.faultProxy.url,
      pgAdmin: { user: 'postgres', password: parts.postgres.adminPassword },
    }),
    PGDATA: parts.postgres.dataDir,
    REDIS_CONF: parts.redis.configFile,
    PM2_HOME: parts.pm2.home,
  };
}

async function teardown(parts: LocalParts): Promise<void> {
  const errors: unknown[] = [];
  const attempt = (work: () => Promise<unknown>) => work().catch((error: unknown) => void errors.push(error));
  await attempt(() => parts.monitoring.stop());
  await attempt(() => parts.pm2.kill());
  await attempt(() => parts.postgres.stop('immediate'));
  await attempt(() => removeSandbox(parts.sandbox));
  if (errors.length > 0) throw new AggregateError(errors, `Teardown of environment ${parts.sandbox.id} failed`);
}

let versions: Promise<{ postgres: string; redis: string; node: string }> | undefined;
const probeVersions = async () => {
  const first = async (cmd: string, args: string[]) => (await execa(cmd, args).catch(() => ({ stdout: 'unknown' }))).stdout.split('\n')[0]!;
  const [postgres, redis] = await Promise.all([first(`${postgresBin}/postgres`, ['--version']), first(redisServerBin, ['--version'])]);
  return { postgres, redis, node: `node ${process.version}` };
};

async function describe(parts: LocalParts, service: (name: ServiceName) => ServiceHandle): Promise<EnvironmentInfo> {
  versions ??= probeVersions();
  const v = await versions;
  const entries = await Promise.all(
    serviceNames.map(async (name) => {
      const handle = service(name);
      const version = name === 'postgres' ? v.postgres : name === 'redis' ? v.redis : v.node;
      return [name, { port: handle.port, pid: await handle.pid(), version }] as const;
    }),
  );
  return {
    id: parts.sandbox.id,
    runtime: 'local',
    dir: parts.sandbox.dir,
    services: Object.fromEntries(entries) as EnvironmentInfo['services'],
    faultProxy: await describeFaultProxy(parts.faultProxy),
    monitoring: await parts.monitoring.describe(),
  };
}
