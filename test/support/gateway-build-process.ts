/**
 * A second reference gateway next to an environment's own, running a named
 * build (GATEWAY_BUILD): the env of the environment's PM2 app (its
 * ecosystem.json: the same Postgres, Redis and exchange), on a free port of
 * its own, plus `extraEnv`. Ready once /healthz answers. For tests of the
 * bad builds (fixtures/ats/order-gateway/builds) that leave the
 * environment's gateway as it is. Local runtime only.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GatewayBuildName } from '../../fixtures/ats/order-gateway/builds/gateway-build.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { type ServiceProcess, startServiceProcess } from './service-process.ts';

interface Pm2AppConfig {
  name: string;
  script: string;
  args: string[];
  interpreter: string;
  cwd: string;
  env: Record<string, string>;
}

/** The environment's order-gateway app as PM2 starts it. */
export async function gatewayApp(env: Environment): Promise<Pm2AppConfig> {
  const pm2Home = env.variables().PM2_HOME;
  if (!pm2Home) throw new Error(`environment ${env.id} has no PM2_HOME: a second gateway needs the local runtime`);
  const ecosystemFile = join(dirname(pm2Home), 'ecosystem.json');
  const { apps } = JSON.parse(await readFile(ecosystemFile, 'utf8')) as { apps: Pm2AppConfig[] };
  const app = apps.find((candidate) => candidate.name === 'order-gateway');
  if (!app) throw new Error(`${ecosystemFile} has no order-gateway app`);
  return app;
}

export async function startGatewayBuild(
  env: Environment,
  build: GatewayBuildName,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<ServiceProcess> {
  const app = await gatewayApp(env);
  return startServiceProcess({
    name: `order-gateway (build ${build})`,
    command: app.interpreter,
    args: [app.script, ...app.args],
    cwd: app.cwd,
    env: { ...app.env, GATEWAY_BUILD: build, ...extraEnv },
    portVariable: 'GATEWAY_PORT',
    readyPath: '/healthz',
  });
}
