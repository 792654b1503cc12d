/**
 * The embedded default runtime: the system a config declares (the reference
 * trading system by default) as processes on loopback, in a private sandbox dir.
 *
 *   reap orphans → sandbox, backup store → ports → postgres ∥ redis ∥ fault proxy ∥ monitoring ∥ service dirs ∥ nginx → migrations, links → PM2 apps → ready
 *   (monitoring: webhook receiver → Alertmanager ∥ Prometheus, see local-monitoring.ts; nginx only for blue/green
 *   services, which run as two PM2 apps, blue started and green idle: local-blue-green.ts)
 */
import { faultProxyClient } from '../../proxy-client/fault-proxy-client.ts';
import { startFaultProxy } from '../../host/fault-proxy-process.ts';
import { nodeCompileCache } from '../../host/node-compile-cache.ts';
import { freePort } from '../../host/ports.ts';
import { createSandbox, reapOrphans, removeSandbox } from '../../host/sandbox.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import { createServiceDirs } from '../../topology/service-dirs.ts';
import { appRole, serviceUrl } from '../../topology/service-env.ts';
import { allocatePorts, type Ports, referenceTopology, type Topology } from '../../topology/topology.ts';
import { populateLinks } from '../links.ts';
import { track } from '../live-environments.ts';
import type { Runtime } from '../runtime.ts';
import { waitForHttp } from '../wait-for-http.ts';
import { createLocalEnvironment } from './local-environment.ts';
import { startLocalMonitoring } from './local-monitoring.ts';
import { pm2Apps, requireLocalStarts } from './local-services.ts';
import { createPm2 } from './pm2.ts';
import { createPostgres } from './postgres-server.ts';
import { localBlueGreen } from './local-blue-green.ts';
import { type NginxServer, startNginx } from './nginx-server.ts';
import { allocateColourPorts, colourName, nginxSites, requireBlueGreen } from '../../topology/blue-green.ts';
import { createRedis } from './redis-server.ts';
import { walArchiveDirIn } from '../backup-store.ts';
import { createLocalBackupStore } from './local-backup-store.ts';
import { setUpDatabase } from './local-database.ts';

export const localRuntime: Runtime = {
  name: 'local',
  async provision(signal, { topology: given, alertRulesDir, onProgress = () => {}, blueGreen = [] } = {}) {
    const topology = given ?? (await referenceTopology());
    requireLocalStarts(topology);
    requireBlueGreen(topology, blueGreen);
    const reaped = await reapOrphans();
    if (reaped.length > 0) onProgress(`reaped ${reaped.length} environment(s) left by a killed run: ${reaped.join(', ')}`);
    const sandbox = await createSandbox();
    const pm2 = createPm2(sandbox.dir, sandbox.id);
    let startingMonitoring: Promise<Monitoring> | undefined;
    let startingNginx: Promise<NginxServer | undefined> | undefined;
    try {
      const [ports, proxyPort, colourPorts] = await Promise.all([allocatePorts(topology), freePort(), allocateColourPorts(blueGreen)]);
      const withPostgres = topology.datastores.includes('postgres');
      await createLocalBackupStore(sandbox.dir, withPostgres);
      const rulesDir = alertRulesDir ?? topology.config.monitoring.rulesDir;
      startingMonitoring = startLocalMonitoring(sandbox.dir, sandbox.id, topology, ports, rulesDir);
      startingNginx = blueGreen.length > 0 ? startNginx(sandbox, nginxSites(blueGreen, ports, colourPorts)) : Promise.resolve(undefined);
      const [postgres, redis, proxyUrl, monitoring, , compileCache, nginx] = await Promise.all([
        withPostgres ? createPostgres(sandbox.dir, sandbox.id, ports.postgres!, walArchiveDirIn(sandbox.dir)) : undefined,
        topology.datastores.includes('redis') ? createRedis(sandbox.dir, sandbox.id, ports.redis!) : undefined,
        startFaultProxy(sandbox.dir, sandbox.id, proxyPort),
        startingMonitoring,
        createServiceDirs(topology, sandbox.dir),
        nodeCompileCache('local'),
        startingNginx,
      ]);
      signal.throwIfAborted();
      const faultProxy = faultProxyClient(proxyUrl);
      const [linkPorts] = await Promise.all([populateLinks(faultProxy, topology, ports), setUpDatabase(topology, postgres)]);
      const addresses = {
        sandboxDir: sandbox.dir,
        ports,
        linkPorts,
        ...(postgres ? { postgres: { ...appRole, password: postgres.password } } : {}),
      };
      const apps = pm2Apps(topology, addresses, compileCache, { names: blueGreen, colourPorts });
      const idle = blueGreen.map((name) => colourName(name, 'green'));
      await pm2.start(apps, idle.length > 0 ? apps.map((app) => app.name).filter((name) => !idle.includes(name)) : undefined);
      const colours =
        nginx &&
        localBlueGreen({
          topology,
          addresses: { ...addresses, colourPorts },
          names: blueGreen,
          pm2,
          nginx,
          nodeCompileCache: compileCache,
        });
      const env = createLocalEnvironment({
        topology,
        sandbox,
        addresses,
        postgres,
        redis,
        pm2,
        faultProxy,
        monitoring,
        ...(colours ? { blueGreen: colours } : {}),
      });
      track(env);
      await waitForServices(topology, ports, signal);
      onProgress(`environment ${sandbox.id} ready in ${sandbox.dir}`);
      return env;
    } catch (error) {
      await pm2.kill();
      await startingMonitoring?.then((monitoring) => monitoring.stop()).catch(() => undefined);
      await startingNginx?.then((nginx) => nginx?.stop()).catch(() => undefined);
      await removeSandbox(sandbox).catch(() => undefined); // never hide the original error
      throw error;
    }
  },
};

/** Each service's readiness path answering 200; a service that never does names its log. */
async function waitForServices(topology: Topology, ports: Ports, signal: AbortSignal): Promise<void> {
  await Promise.all(
    topology.services.map((service) =>
      waitForHttp(`${serviceUrl(ports, service.name)}${service.paths.readiness ?? service.paths.health}`, {
        what: `${service.name} (see logs/${service.name}.err.log in the sandbox)`,
        timeoutMs: 20_000,
        signal,
      }),
    ),
  );
}
