/**
 * The embedded default runtime: the reference trading system as processes on
 * loopback, in a private sandbox dir.
 *
 *   reap orphans → sandbox → ports → postgres ∥ redis ∥ fault proxy ∥ monitoring ∥ log dirs → migrations, links → PM2 apps → ready
 *   (monitoring: webhook receiver → Alertmanager ∥ Prometheus, see local-monitoring.ts)
 */
import { join } from 'node:path';
import { defaultAlertRulesDir } from '../alert-rules.ts';
import type { Environment, Runtime } from '../runtime.ts';
import { faultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { linkUpstreams, populateLinks } from '../links.ts';
import { applyMigrations } from '../migrate.ts';
import { track } from '../live-environments.ts';
import { allocateAtsPorts, atsApps, createLogDirs, logPathsIn, migrationsDir, nodeServiceNames } from './ats-services.ts';
import { startFaultProxy } from './fault-proxy-process.ts';
import { createLocalEnvironment } from './local-environment.ts';
import { nodeCompileCache } from '../node-compile-cache.ts';
import { startLocalMonitoring } from './local-monitoring.ts';
import type { Monitoring } from '../monitoring.ts';
import { createPm2 } from './pm2.ts';
import { freePort } from './ports.ts';
import { atsDatabase, atsUser, createPostgres } from './postgres-server.ts';
import { createRedis } from './redis-server.ts';
import { createSandbox, reapOrphans, removeSandbox } from './sandbox.ts';
import { waitForHttp } from '../wait-for-http.ts';

export const localRuntime: Runtime = {
  name: 'local',
  async provision(signal, { alertRulesDir = defaultAlertRulesDir, onProgress = () => {} } = {}) {
    const reaped = await reapOrphans();
    if (reaped.length > 0) onProgress(`reaped ${reaped.length} environment(s) left by a killed run: ${reaped.join(', ')}`);
    const sandbox = await createSandbox();
    const pm2 = createPm2(sandbox.dir, sandbox.id);
    let startingMonitoring: Promise<Monitoring> | undefined;
    try {
      const [ports, proxyPort] = await Promise.all([allocateAtsPorts(), freePort()]);
      const logs = logPathsIn(sandbox.dir);
      startingMonitoring = startLocalMonitoring(sandbox.dir, sandbox.id, ports, alertRulesDir);
      const [postgres, redis, proxyUrl, monitoring, , compileCache] = await Promise.all([
        createPostgres(sandbox.dir, sandbox.id, ports.postgres),
        createRedis(sandbox.dir, sandbox.id, ports.redis),
        startFaultProxy(sandbox.dir, sandbox.id, proxyPort),
        startingMonitoring,
        createLogDirs(logs),
        nodeCompileCache('local'),
      ]);
      signal.throwIfAborted();
      const faultProxy = faultProxyClient(proxyUrl);
      const [links] = await Promise.all([
        populateLinks(faultProxy, linkUpstreams(ports)),
        applyMigrations(
          { host: '127.0.0.1', port: ports.postgres, user: atsUser, password: postgres.password, database: atsDatabase },
          migrationsDir,
        ),
      ]);
      const connection = { ports, links, logs, pgUser: atsUser, pgPassword: postgres.password, pgDatabase: atsDatabase };
      await pm2.start(atsApps(connection, { nodeCompileCache: compileCache }));
      const env = createLocalEnvironment({ sandbox, ports, postgres, redis, pm2, connection, faultProxy, monitoring });
      track(env);
      await waitForServices(env, signal);
      onProgress(`environment ${sandbox.id} ready in ${sandbox.dir}`);
      return env;
    } catch (error) {
      await pm2.kill();
      await startingMonitoring?.then((monitoring) => monitoring.stop()).catch(() => undefined);
      await removeSandbox(sandbox).catch(() => undefined); // never hide the original error
      throw error;
    }
  },
};

async function waitForServices(env: Environment, signal: AbortSignal): Promise<void> {
  const logs = (name: string) => join('logs', `${name}.err.log`);
  await Promise.all(
    nodeServiceNames.map((name) => {
      const path = name === 'order-gateway' ? '/readyz' : '/healthz';
      return waitForHttp(`${env.service(name).url}${path}`, {
        what: `${name} (see ${logs(name)} in the sandbox)`,
        timeoutMs: 20_000,
        signal,
      });
    }),
  );
}
