/**
 * The reference trading system's Node services (fixtures/ats) and the
 * environment variables each one reads, built from the environment's ports.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../repo-root.ts';
import type { LinkName } from '../runtime.ts';
import type { Pm2App } from './pm2.ts';
import { freePort } from './ports.ts';

export type NodeServiceName = 'exchange' | 'order-gateway' | 'market-data' | 'risk' | 'log-sink' | 'log-shipper';
export const nodeServiceNames: readonly NodeServiceName[] = ['exchange', 'order-gateway', 'market-data', 'risk', 'log-sink', 'log-shipper'];

export const atsDir = join(repoRoot, 'fixtures', 'ats');
export const migrationsDir = join(atsDir, 'migrations');

export type AtsPorts = Record<'postgres' | 'redis' | NodeServiceName, number>;

/** One free loopback port per service. */
export async function allocateAtsPorts(): Promise<AtsPorts> {
  const names = ['postgres', 'redis', ...nodeServiceNames] as const;
  const ports = await Promise.all(names.map(() => freePort()));
  return Object.fromEntries(names.map((name, i) => [name, ports[i]!])) as AtsPorts;
}

/** Where the services' logs go (PM2's out_file dir, see pm2.ts; a bind mount in containers) and the shipper keeps its positions. */
export interface LogPaths {
  /** `<sandbox>/logs`: every `*.log` in it but the shipper's own is shipped to the log sink. */
  readonly dir: string;
  readonly positionsFile: string;
}

export function logPathsIn(sandboxDir: string): LogPaths {
  return { dir: join(sandboxDir, 'logs'), positionsFile: join(sandboxDir, 'log-shipper', 'positions.json') };
}

/** Creates the log dirs writable by anyone: containers run the services as an unprivileged user. */
export async function createLogDirs(paths: LogPaths): Promise<void> {
  for (const dir of [paths.dir, dirname(paths.positionsFile)]) {
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o777);
  }
}

export interface AtsConnection {
  ports: AtsPorts;
  /** Where a service reaches a proxied dependency: the fault proxy's listen port for that link. */
  links: Record<LinkName, number>;
  logs: LogPaths;
  pgUser: string;
  pgPassword: string;
  pgDatabase: string;
}

const portVariable: Record<NodeServiceName, string> = {
  exchange: 'EXCHANGE_PORT',
  'order-gateway': 'GATEWAY_PORT',
  'market-data': 'MARKET_DATA_PORT',
  risk: 'RISK_PORT',
  'log-sink': 'LOG_SINK_PORT',
  'log-shipper': 'LOG_SHIPPER_PORT',
};

/** How to reach Postgres and Redis directly: the libpq and Redis variables services and runbook steps both read. */
export function connectionVariables(connection: AtsConnection): Record<string, string> {
  return {
    PGHOST: '127.0.0.1',
    PGPORT: String(connection.ports.postgres),
    PGUSER: connection.pgUser,
    PGPASSWORD: connection.pgPassword,
    PGDATABASE: connection.pgDatabase,
    REDIS_HOST: '127.0.0.1',
    REDIS_PORT: String(connection.ports.redis),
  };
}

/** `nodeCompileCache`: the dir of Node's compile cache (see node-compile-cache.ts), when the services should use one. */
export function atsApps(connection: AtsConnection, options: { nodeCompileCache?: string } = {}): Pm2App[] {
  const { ports, links } = connection;
  const common = {
    ...connectionVariables(connection),
    EXCHANGE_URL: `http://127.0.0.1:${ports.exchange}`,
    LOG_LEVEL: 'info',
    ...(options.nodeCompileCache ? { NODE_COMPILE_CACHE: options.nodeCompileCache } : {}),
  };
  // The gateway and the shipper reach their dependencies only through the fault proxy; the others connect directly.
  const own: Partial<Record<NodeServiceName, Record<string, string>>> = {
    'order-gateway': {
      PGPORT: String(links['gateway-postgres']),
      REDIS_PORT: String(links['gateway-redis']),
      EXCHANGE_URL: `http://127.0.0.1:${links['gateway-exchange']}`,
    },
    'log-shipper': {
      LOKI_URL: `http://127.0.0.1:${links['shipper-logsink']}`,
      LOG_DIR: connection.logs.dir,
      SHIPPER_POSITIONS_FILE: connection.logs.positionsFile,
    },
  };
  return nodeServiceNames.map((name) => ({
    name,
    script: join(atsDir, name, 'main.ts'),
    env: { ...common, ...own[name], [portVariable[name]]: String(ports[name]) },
  }));
}
