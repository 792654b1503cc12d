/**
 * The reference trading system's Node services (fixtures/ats) and the
 * environment variables each one reads, built from the environment's ports.
 */
import { join } from 'node:path';
import { repoRoot } from '../../repo-root.ts';
import type { LinkName } from '../runtime.ts';
import type { Pm2App } from './pm2.ts';

export type NodeServiceName = 'exchange' | 'order-gateway' | 'market-data' | 'risk';
export const nodeServiceNames: readonly NodeServiceName[] = ['exchange', 'order-gateway', 'market-data', 'risk'];

export const atsDir = join(repoRoot, 'fixtures', 'ats');
export const migrationsDir = join(atsDir, 'migrations');

export interface AtsPorts {
  postgres: number;
  redis: number;
  exchange: number;
  'order-gateway': number;
  'market-data': number;
  risk: number;
}

export interface AtsConnection {
  ports: AtsPorts;
  /** Where the gateway reaches each dependency: the fault proxy's listen port for that link. */
  links: Record<LinkName, number>;
  pgUser: string;
  pgPassword: string;
  pgDatabase: string;
}

const portVariable: Record<NodeServiceName, string> = {
  exchange: 'EXCHANGE_PORT',
  'order-gateway': 'GATEWAY_PORT',
  'market-data': 'MARKET_DATA_PORT',
  risk: 'RISK_PORT',
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

export function atsApps(connection: AtsConnection): Pm2App[] {
  const { ports } = connection;
  const common = {
    ...connectionVariables(connection),
    EXCHANGE_URL: `http://127.0.0.1:${ports.exchange}`,
    LOG_LEVEL: 'info',
  };
  // The gateway reaches its dependencies only through the fault proxy; the other services connect directly.
  const throughProxy = {
    PGPORT: String(connection.links['gateway-postgres']),
    REDIS_PORT: String(connection.links['gateway-redis']),
    EXCHANGE_URL: `http://127.0.0.1:${connection.links['gateway-exchange']}`,
  };
  return nodeServiceNames.map((name) => ({
    name,
    script: join(atsDir, name, 'main.ts'),
    env: { ...common, ...(name === 'order-gateway' ? throughProxy : {}), [portVariable[name]]: String(ports[name]) },
  }));
}
