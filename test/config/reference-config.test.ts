import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFor, loadReferenceConfig } from '../../src/config/load-config.ts';
import { referenceConfigFile } from '../../src/config/find-config.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { scrapeJobs } from '../../src/monitoring/prometheus-config.ts';
import { serviceSpec } from '../../src/runtime/docker/service-containers.ts';
import { pm2Apps } from '../../src/runtime/local/local-services.ts';
import { commonStepVariables } from '../../src/runtime/step-variables.ts';
import type { Sandbox } from '../../src/host/sandbox.ts';
import type { Addresses } from '../../src/topology/service-env.ts';
import { topologyOf } from '../../src/topology/topology.ts';

// The reference ATS's config (fixtures/ats/firedrill.config.ts) must build
// the system the runtimes built before they read it: the same processes and
// containers with the same environment, links and scrape jobs. The expected
// values below were printed by the runtimes' own code before that change.

const sandbox = '/sandbox/env-test';
const ports = {
  postgres: 5001,
  redis: 5002,
  exchange: 5003,
  'order-gateway': 5004,
  'market-data': 5005,
  risk: 5006,
  'log-sink': 5007,
  'log-shipper': 5008,
};
const linkPorts = { 'gateway-postgres': 6001, 'gateway-redis': 6002, 'gateway-exchange': 6003, 'shipper-logsink': 6004 };
const addresses: Addresses = { sandboxDir: sandbox, ports, linkPorts, postgres: { user: 'ats', password: 'secret', database: 'ats' } };
const atsDir = join(repoRoot, 'fixtures', 'ats');

const direct = {
  PGHOST: '127.0.0.1',
  PGPORT: '5001',
  PGUSER: 'ats',
  PGPASSWORD: 'secret',
  PGDATABASE: 'ats',
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: '5002',
};
/** Every service and step now gets every service's URL; before, services got only EXCHANGE_URL (read by the gateway alone). */
const urls = {
  EXCHANGE_URL: 'http://127.0.0.1:5003',
  ATS_URL: 'http://127.0.0.1:5004',
  MARKET_DATA_URL: 'http://127.0.0.1:5005',
  RISK_URL: 'http://127.0.0.1:5006',
  LOG_SINK_URL: 'http://127.0.0.1:5007',
  LOG_SHIPPER_URL: 'http://127.0.0.1:5008',
};

const reference = async () => topologyOf(await loadReferenceConfig());

describe('the reference config', () => {
  it('is what a command uses when no firedrill.config.ts is in the working directory', async () => {
    const loaded = await loadConfigFor(undefined, repoRoot);
    expect([loaded.file, loaded.source]).toEqual([referenceConfigFile, 'reference']);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('declares the datastores, the six services and the four links through the fault proxy', async () => {
    const topology = await reference();
    expect(topology.componentNames).toEqual(Object.keys(ports));
    expect(topology.links.map((link) => `${link.name}: ${link.from} → ${link.to}`)).toEqual([
      'gateway-postgres: order-gateway → postgres',
      'gateway-redis: order-gateway → redis',
      'gateway-exchange: order-gateway → exchange',
      'shipper-logsink: log-shipper → log-sink',
    ]);
  });

  it('starts each service under PM2 as before: Node running <name>/main.ts, the gateway and the shipper through their links', async () => {
    const apps = pm2Apps(await reference(), addresses, '/cache');
    expect(apps.map((app) => [app.name, app.script, app.interpreter, app.cwd])).toEqual(
      Object.keys(urls).map((_, i) => {
        const name = Object.keys(ports)[i + 2]!;
        return [name, join(atsDir, name, 'main.ts'), process.execPath, atsDir];
      }),
    );
    const env = (name: string) => apps.find((app) => app.name === name)!.env;
    expect(env('order-gateway')).toEqual({
      ...direct,
      ...urls,
      PGPORT: '6001',
      REDIS_PORT: '6002',
      EXCHANGE_URL: 'http://127.0.0.1:6003',
      LOG_LEVEL: 'info',
      GATEWAY_OVERRIDES_FILE: '/sandbox/env-test/order-gateway/overrides.env',
      GATEWAY_ADMIN_TOKEN_FILE: '/sandbox/env-test/order-gateway/admin-token',
      NODE_COMPILE_CACHE: '/cache',
      GATEWAY_PORT: '5004',
    });
    expect(env('log-shipper')).toEqual({
      ...direct,
      ...urls,
      LOG_LEVEL: 'info',
      NODE_COMPILE_CACHE: '/cache',
      LOKI_URL: 'http://127.0.0.1:6004',
      LOG_DIR: '/sandbox/env-test/logs',
      SHIPPER_POSITIONS_FILE: '/sandbox/env-test/log-shipper/positions.json',
      LOG_SHIPPER_PORT: '5008',
    });
    expect(env('risk')).toEqual({ ...direct, ...urls, LOG_LEVEL: 'info', NODE_COMPILE_CACHE: '/cache', RISK_PORT: '5006' });
  });

  it('runs each service in a container as before: image, command in fixtures/ats, the repository read-only, logs and state writable', async () => {
    const topology = await reference();
    const spec = (name: string) => serviceSpec('env-test', topology, topology.services.find((s) => s.name === name)!, addresses, '/cache');
    const shipper = spec('log-shipper');
    expect([shipper.image, shipper.args, shipper.workingDir]).toEqual(['firedrill/node:24', ['log-shipper/main.ts'], atsDir]);
    expect(shipper.binds).toEqual([
      { source: resolve(repoRoot), target: resolve(repoRoot), mode: 'ro' },
      { source: '/sandbox/env-test/logs', target: '/sandbox/env-test/logs', mode: 'rw' },
      { source: '/sandbox/env-test/log-shipper', target: '/sandbox/env-test/log-shipper', mode: 'rw' },
      { source: '/cache', target: '/cache', mode: 'rw' },
    ]);
    expect(shipper.env).toMatchObject({ LOKI_URL: 'http://127.0.0.1:6004', LOG_FILE: '/sandbox/env-test/logs/log-shipper.log' });
    const gateway = spec('order-gateway');
    expect(gateway.readiness.what).toBe('order-gateway answering http://127.0.0.1:5004/readyz');
    expect(gateway.env).toMatchObject({ PGPORT: '6001', REDIS_PORT: '6002', EXCHANGE_URL: 'http://127.0.0.1:6003' });
    expect(spec('risk').readiness.what).toBe('risk answering http://127.0.0.1:5006/healthz');
  });

  it('gives runbook steps the same variables as before, and scrapes the six services', async () => {
    const topology = await reference();
    const steps = commonStepVariables({
      topology,
      sandbox: { id: 'env-test', dir: sandbox } as Sandbox,
      addresses,
      faultProxyUrl: 'http://127.0.0.1:1',
      monitoring: { prometheusUrl: 'http://127.0.0.1:2', alertmanagerUrl: 'http://127.0.0.1:3' },
      pgAdmin: { user: 'postgres', password: 'admin' },
    });
    const { PATH, ...rest } = steps;
    expect(rest).toEqual({
      ATS_OPS_DIR: join(repoRoot, 'fixtures', 'ats', 'ops'),
      FIREDRILL_ENV: 'env-test',
      FIREDRILL_SANDBOX: sandbox,
      // The backup store, off the system's hosts: a total loss leaves it.
      BACKUP_DIR: `${sandbox}/backups`,
      WAL_ARCHIVE_DIR: `${sandbox}/backups/wal`,
      ...direct,
      PGADMIN_USER: 'postgres',
      PGADMIN_PASSWORD: 'admin',
      FAULT_PROXY_URL: 'http://127.0.0.1:1',
      ...urls,
      LOG_DIR: '/sandbox/env-test/logs',
      PROMETHEUS_URL: 'http://127.0.0.1:2',
      ALERTMANAGER_URL: 'http://127.0.0.1:3',
    });
    expect(scrapeJobs(topology, ports).map((job) => `${job.job} ${job.targets.join(',')}${job.metricsPath}`)).toEqual(
      Object.keys(urls).map((_, i) => `${Object.keys(ports)[i + 2]} 127.0.0.1:${5003 + i}/metrics`),
    );
  });
});
