/**
 * A local runtime whose order gateway runs with test-only faults
 * (fixtures/ats/order-gateway/test-faults.ts): after provisioning, the
 * gateway's PM2 app gets GATEWAY_TEST_FAULTS in the environment's ecosystem
 * file and is started again from it. For tests that break a promise of the
 * gateway on purpose and watch the harness fail naming it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { TestFault } from '../../fixtures/ats/order-gateway/test-faults.ts';
import { localRuntime } from '../../src/index.ts';
import { envTagVariable } from '../../src/host/tagged-processes.ts';
import type { Environment, Runtime } from '../../src/runtime/runtime.ts';
import { waitForHttp } from '../../src/runtime/wait-for-http.ts';

const pm2Bin = join(dirname(createRequire(import.meta.url).resolve('pm2/package.json')), 'bin', 'pm2');
const restartTimeoutMs = 20_000;

export function localRuntimeWithGatewayFaults(faults: readonly TestFault[]): Runtime {
  return {
    name: 'local',
    async provision(signal, options) {
      const env = await localRuntime.provision(signal, options);
      try {
        await restartGatewayWith(env, faults);
      } catch (error) {
        await env[Symbol.asyncDispose]();
        throw error;
      }
      return env;
    },
  };
}

async function restartGatewayWith(env: Environment, faults: readonly TestFault[]): Promise<void> {
  const pm2Home = env.variables().PM2_HOME;
  if (!pm2Home) throw new Error(`environment ${env.id} has no PM2_HOME: gateway test faults need the local runtime`);
  const envDir = dirname(pm2Home);
  const ecosystemFile = join(envDir, 'ecosystem.json');
  const ecosystem = JSON.parse(await readFile(ecosystemFile, 'utf8')) as { apps: { name: string; env: Record<string, string> }[] };
  const gateway = ecosystem.apps.find((app) => app.name === 'order-gateway');
  if (!gateway) throw new Error(`${ecosystemFile} has no order-gateway app`);
  gateway.env.GATEWAY_TEST_FAULTS = faults.join(',');
  await writeFile(ecosystemFile, JSON.stringify(ecosystem, null, 2), { mode: 0o600 });
  const pm2 = (...args: string[]) =>
    execa(process.execPath, [pm2Bin, ...args], { env: { PM2_HOME: pm2Home, [envTagVariable]: env.id }, cwd: envDir, stdin: 'ignore' });
  await pm2('delete', 'order-gateway');
  await pm2('start', ecosystemFile, '--only', 'order-gateway');
  await waitForHttp(`${env.service('order-gateway').url}/healthz`, { what: 'order-gateway with test faults', timeoutMs: restartTimeoutMs });
}
