import { execa } from 'execa';
import type { FaultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { postgresBin, redisServerBin } from '../../host/binaries.ts';
import { removeSandbox, type Sandbox } from '../../host/sandbox.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import { type Addresses, serviceUrl } from '../../topology/service-env.ts';
import { isDatastore, serviceNamed, type Topology } from '../../topology/topology.ts';
import { untrack } from '../live-environments.ts';
import { describeFaultProxy } from '../links.ts';
import { lookups } from '../lookups.ts';
import type { Environment, EnvironmentInfo, ServiceHandle, ServiceInfo, ServiceName } from '../runtime.ts';
import { commonStepVariables } from '../step-variables.ts';
import { blueGreenStepVariables } from '../../topology/blue-green.ts';
import { waitForHttp } from '../wait-for-http.ts';
import { describeColours } from './describe-blue-green.ts';
import { type LocalBlueGreen, localBlueGreenOfNone } from './local-blue-green.ts';
import { localDisaster } from './local-disaster.ts';
import type { Pm2 } from './pm2.ts';
import type { PostgresServer } from './postgres-server.ts';
import type { RedisServer } from './redis-server.ts';

export interface LocalParts {
  topology: Topology;
  sandbox: Sandbox;
  addresses: Addresses;
  /** Absent when the system declares no postgres (no redis). */
  postgres: PostgresServer | undefined;
  redis: RedisServer | undefined;
  pm2: Pm2;
  faultProxy: FaultProxyClient;
  monitoring: Monitoring;
  /** The services run blue/green, with their nginx; absent: none (ProvisionOptions.blueGreen). */
  blueGreen?: LocalBlueGreen;
}

export function createLocalEnvironment(parts: LocalParts): Environment {
  const byName = lookups(parts.topology, (name) => serviceHandle(parts, name), parts.faultProxy);
  const disaster = localDisaster(parts);
  let disposed: Promise<void> | undefined;
  return {
    id: parts.sandbox.id,
    runtime: 'local',
    ...byName,
    variables: () => variables(parts),
    secrets: () => (parts.postgres ? [parts.postgres.password, parts.postgres.adminPassword] : []),
    describe: () => describe(parts, byName.service),
    webhookReceiver: () => parts.monitoring.receiver,
    blueGreen: (name) => (parts.blueGreen ?? localBlueGreenOfNone).handle(name),
    loseEverything: () => disaster.loseEverything(),
    provisionClean: (signal) => disaster.provisionClean(signal),
    [Symbol.asyncDispose]() {
      disposed ??= teardown(parts).finally(() => untrack(this));
      return disposed;
    },
  };
}

/** How a component runs here: a datastore daemon of the sandbox, or a PM2 app answering on its health path. */
interface LocalProcess {
  pid(): Promise<number | undefined>;
  start(): Promise<void>;
  /** The PM2 app running it now (a service's own, or its live colour's); absent for the datastores. */
  app?(): Promise<string>;
}

function localProcess(parts: LocalParts, name: ServiceName): LocalProcess {
  if (name === 'postgres' && parts.postgres) return parts.postgres;
  if (name === 'redis' && parts.redis) return parts.redis;
  const service = serviceNamed(parts.topology, name);
  const blueGreen = parts.blueGreen?.names.includes(name) ? parts.blueGreen : undefined;
  // Blue/green: the colour live at the call, reached directly (nginx would answer for it even when it is down).
  const app = async () => (blueGreen ? blueGreen.liveApp(name) : name);
  const url = async () =>
    blueGreen ? blueGreen.handle(name).colourUrl(await blueGreen.handle(name).live()) : serviceUrl(parts.addresses.ports, name);
  return {
    app,
    pid: async () => parts.pm2.pid(await app()),
    async start() {
      const current = await app();
      if (!(await parts.pm2.pid(current))) await parts.pm2.startOne(current);
      await waitForHttp(`${await url()}${service.paths.health}`, { what: current, timeoutMs: 20_000 });
    },
  };
}

function serviceHandle(parts: LocalParts, name: ServiceName): ServiceHandle {
  const process_ = localProcess(parts, name);
  const pid = () => process_.pid();
  return {
    name,
    port: parts.addresses.ports[name]!,
    url: isDatastore(parts.topology, name) ? undefined : serviceUrl(parts.addresses.ports, name),
    pid,
    async kill(signal) {
      const current = await pid();
      if (current) process.kill(current, signal);
    },
    ensureRunning: () => process_.start(),
    async pause() {
      const current = await pid();
      if (!current) throw new Error(`${name} is not running: there is no process to pause`);
      process.kill(current, 'SIGSTOP');
      return current;
    },
    async resume(frozen) {
      if ((await pid()) === frozen) process.kill(frozen, 'SIGCONT');
    },
    async supervision() {
      if (!process_.app)
        throw new Error(`${name} runs unsupervised here (a daemon of the sandbox, not a PM2 app): no supervisor records its restarts`);
      return parts.pm2.supervision(await process_.app());
    },
  };
}

function variables(parts: LocalParts): Record<string, string> {
  const { postgres, redis, pm2 } = parts;
  return {
    ...commonStepVariables({
      ...parts,
      faultProxyUrl: parts.faultProxy.url,
      ...(postgres ? { pgAdmin: { user: 'postgres', password: postgres.adminPassword } } : {}),
    }),
    ...(postgres ? { PGDATA: postgres.dataDir } : {}),
    ...(redis ? { REDIS_CONF: redis.configFile } : {}),
    PM2_HOME: pm2.home,
    ...(parts.blueGreen
      ? blueGreenStepVariables(parts.topology, parts.blueGreen.names, parts.blueGreen.nginx.layout, parts.blueGreen.colourPorts)
      : {}),
  };
}

async function teardown(parts: LocalParts): Promise<void> {
  const errors: unknown[] = [];
  const attempt = (work: () => Promise<unknown>) => work().catch((error: unknown) => void errors.push(error));
  await attempt(() => parts.monitoring.stop());
  if (parts.blueGreen) await attempt(() => parts.blueGreen!.nginx.stop());
  await attempt(() => parts.pm2.kill());
  if (parts.postgres) await attempt(() => parts.postgres!.stop('immediate'));
  await attempt(() => removeSandbox(parts.sandbox));
  if (errors.length > 0) throw new AggregateError(errors, `Teardown of environment ${parts.sandbox.id} failed`);
}

/** Each colour of the blue/green services, and nginx (on the first one's port). */
async function describeBlueGreen(parts: LocalParts, blueGreen: LocalBlueGreen): Promise<Record<string, ServiceInfo>> {
  return describeColours(blueGreen, parts.pm2, parts.addresses.ports[blueGreen.names[0]!]!, (name) => versionOf(programOf(parts, name)));
}

/** Each program's `--version`, first line, once per process: the versions the evidence records. */
const versions = new Map<string, Promise<string>>();
function versionOf(command: string): Promise<string> {
  let version = versions.get(command);
  if (!version) {
    version =
      command === 'node'
        ? Promise.resolve(`node ${process.version}`)
        : execa(command, ['--version'], { reject: false, timeout: 5_000 }).then((r) => (r.stdout || r.stderr).split('\n')[0]! || 'unknown');
    versions.set(command, version);
  }
  return version;
}

const programOf = (parts: LocalParts, name: ServiceName) =>
  name === 'postgres' ? `${postgresBin}/postgres` : name === 'redis' ? redisServerBin : serviceNamed(parts.topology, name).local!.command;

async function describe(parts: LocalParts, service: (name: ServiceName) => ServiceHandle): Promise<EnvironmentInfo> {
  const entries = await Promise.all(
    parts.topology.componentNames.map(async (name) => {
      const handle = service(name);
      const [pid, version] = await Promise.all([handle.pid(), versionOf(programOf(parts, name))]);
      return [name, { port: handle.port, pid, version }] as const;
    }),
  );
  return {
    id: parts.sandbox.id,
    runtime: 'local',
    dir: parts.sandbox.dir,
    services: { ...Object.fromEntries(entries), ...(parts.blueGreen ? await describeBlueGreen(parts, parts.blueGreen) : {}) },
    faultProxy: await describeFaultProxy(parts.faultProxy, parts.topology),
    monitoring: await parts.monitoring.describe(),
  };
}
