/**
 * A local runtime whose one service runs with variables added to its
 * environment: after provisioning, the service's PM2 app gets them in the
 * environment's ecosystem file and is started again from it (and a later
 * `pm2 restart` keeps them). For tests that switch on a test-only behaviour of
 * one environment's service (fixtures/ats: GATEWAY_TEST_FAULTS,
 * SHIPPER_TEST_ONLY_SAVE_POSITIONS) while other environments run beside it as
 * shipped.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { localRuntime } from '../../src/index.ts';
import { envTagVariable } from '../../src/host/tagged-processes.ts';
import type { Environment, Runtime, ServiceName } from '../../src/runtime/runtime.ts';
import { waitForHttp } from '../../src/runtime/wait-for-http.ts';

const pm2Bin = join(dirname(createRequire(import.meta.url).resolve('pm2/package.json')), 'bin', 'pm2');
const restartTimeoutMs = 20_000;

export function localRuntimeWithServiceEnv(service: ServiceName, variables: Readonly<Record<string, string>>): Runtime {
  return {
    name: 'local',
    async provision(signal, options) {
      const env = await localRuntime.provision(signal, options);
      try {
        await restartServiceWith(env, service, variables);
      } catch (error) {
        await env[Symbol.asyncDispose]();
        throw error;
      }
      return env;
    },
  };
}

async function restartServiceWith(env: Environment, service: ServiceName, variables: Readonly<Record<string, string>>): Promise<void> {
  const pm2Home = env.variables().PM2_HOME;
  if (!pm2Home) throw new Error(`environment ${env.id} has no PM2_HOME: a service's test-only variables need the local runtime`);
  const envDir = dirname(pm2Home);
  const ecosystemFile = join(envDir, 'ecosystem.json');
  const ecosystem = JSON.parse(await readFile(ecosystemFile, 'utf8')) as { apps: { name: string; env: Record<string, string> }[] };
  const app = ecosystem.apps.find((a) => a.name === service);
  if (!app) throw new Error(`${ecosystemFile} has no ${service} app`);
  Object.assign(app.env, variables);
  await writeFile(ecosystemFile, JSON.stringify(ecosystem, null, 2), { mode: 0o600 });
  const pm2 = (...args: string[]) =>
    execa(process.execPath, [pm2Bin, ...args], { env: { PM2_HOME: pm2Home, [envTagVariable]: env.id }, cwd: envDir, stdin: 'ignore' });
  await pm2('delete', service);
  await pm2('start', ecosystemFile, '--only', service);
  const what = `${service} with ${Object.keys(variables).join(', ')}`;
  await waitForHttp(`${env.service(service).url}/healthz`, { what, timeoutMs: restartTimeoutMs });
}
