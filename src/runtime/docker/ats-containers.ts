/**
 * The reference trading system as container specs: one container per service
 * (the engine is the supervisor; there is no PM2), host networking, each on
 * the loopback port the environment allocated.
 *
 *   postgres  image's entrypoint: PGPORT, POSTGRES_USER/PASSWORD (the admin role)
 *   redis     redis-server arguments, no persistence (as the local runtime)
 *   node      the repository bind-mounted read-only at its host path; the
 *             service's env from atsApps() (the gateway and the log shipper
 *             through the fault proxy); its log written to LOG_FILE in the
 *             sandbox's log dir, bind-mounted writable at its host path for
 *             the shipper to read (and, for the shipper, its positions dir);
 *             Node's compile cache, shared by the environments (node-compile-cache.ts)
 */
import { dirname, join, relative } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../../repo-root.ts';
import { type AtsConnection, atsApps, type NodeServiceName } from '../local/ats-services.ts';
import { pingRedis } from '../redis-ping.ts';
import { answersOk } from '../wait-for-http.ts';
import type { ContainerSpec } from './container-spec.ts';
import { Ready } from './readiness.ts';

export interface DockerImages {
  readonly postgres: string;
  readonly redis: string;
  readonly node: string;
  /** Prometheus, and Alertmanager by entrypoint override (`prometheus-alertmanager`). */
  readonly prometheus: string;
}

/** The superuser the image creates; the services use the plain `ats` role made from it (see postgres-roles.ts). */
export const pgAdminUser = 'postgres';

export function postgresSpec(envId: string, image: string, port: number, adminPassword: string): ContainerSpec {
  return {
    envId,
    role: 'postgres',
    image,
    env: { PGPORT: String(port), POSTGRES_USER: pgAdminUser, POSTGRES_PASSWORD: adminPassword },
    readiness: Ready.when(`PostgreSQL answering SELECT 1 on port ${port}`, () => pgAnswers(port, adminPassword)),
  };
}

export function redisSpec(envId: string, image: string, port: number): ContainerSpec {
  return {
    envId,
    role: 'redis',
    image,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--appendonly', 'no'],
    readiness: Ready.when(`Redis answering PING on port ${port}`, async () => (await pingRedis(port)) === 'PONG'),
  };
}

/** One spec per Node service; ready when /healthz (the gateway: /readyz) answers 200. */
export function nodeServiceSpecs(
  envId: string,
  image: string,
  connection: AtsConnection,
  nodeCompileCache: string,
): Map<NodeServiceName, ContainerSpec> {
  const { logs } = connection;
  return new Map(
    atsApps(connection, { nodeCompileCache }).map((app) => {
      const name = app.name as NodeServiceName;
      const url = `http://127.0.0.1:${connection.ports[name]}${name === 'order-gateway' ? '/readyz' : '/healthz'}`;
      const shared = [logs.dir, nodeCompileCache];
      const writable = name === 'log-shipper' ? [...shared, dirname(logs.positionsFile)] : shared;
      const spec: ContainerSpec = {
        envId,
        role: name,
        image,
        // No FIREDRILL_ENV tag: containers are found by label, tagged processes are the host's.
        env: { ...app.env, LOG_FILE: join(logs.dir, `${name}.log`) },
        args: [relative(repoRoot, app.script)],
        binds: [
          { source: repoRoot, target: repoRoot, mode: 'ro' },
          ...writable.map((dir) => ({ source: dir, target: dir, mode: 'rw' as const })),
        ],
        workingDir: repoRoot,
        readiness: Ready.when(`${name} answering ${url}`, () => answersOk(url)),
      };
      return [name, spec];
    }),
  );
}

async function pgAnswers(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: pgAdminUser,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 1000,
  });
  try {
    await client.connect();
    return (await client.query('SELECT 1')).rowCount === 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}
