import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { declaredLinks } from '../../src/config/declared-links.ts';
import { loadConfigFor, loadReferenceConfig } from '../../src/config/load-config.ts';
import { referenceConfigFile } from '../../src/config/find-config.ts';
import type { SystemConfig } from '../../src/config/config-schema.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { defaultAlertRulesDir } from '../../src/runtime/alert-rules.ts';
import { nodeServiceSpecs } from '../../src/runtime/docker/ats-containers.ts';
import { defaultImages } from '../../src/runtime/docker/image.ts';
import { linkUpstreams } from '../../src/runtime/links.ts';
import { type AtsConnection, atsApps, logPathsIn, migrationsDir } from '../../src/runtime/local/ats-services.ts';
import { defaultAlertmanagerConfig } from '../../src/runtime/local/alertmanager-server.ts';
import type { Sandbox } from '../../src/runtime/local/sandbox.ts';
import type { Monitoring } from '../../src/runtime/monitoring.ts';
import { scrapedServices } from '../../src/runtime/monitoring.ts';
import { linkNames, serviceNames } from '../../src/runtime/runtime.ts';
import { defaultRunbookPath } from '../../src/runbook/load-runbook.ts';
import { commonStepVariables } from '../../src/runtime/step-variables.ts';

// fixtures/ats/firedrill.config.ts must declare the reference ATS exactly as
// the runtimes build it today (ats-services.ts, ats-containers.ts, links.ts),
// so that building the runtimes from the config changes nothing. Each check
// renders what the config declares and compares it with what they build.

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
const connection: AtsConnection = {
  ports,
  links: linkPorts,
  logs: logPathsIn(sandbox),
  pgUser: 'ats',
  pgPassword: 'secret',
  pgDatabase: 'ats',
};

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
const filled = (templates: Record<string, string>, values: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(templates).map(([name, template]) => [name, fill(template, values)]));

/** A service's environment as the config declares it, on `runtime`: datastores direct, links through the proxy, its port. */
function declaredEnv(config: SystemConfig, name: string, runtime: 'local' | 'docker'): Record<string, string> {
  const service = config.services.find((s) => s.name === name)!;
  const { postgres, redis } = config.datastores;
  const host = '127.0.0.1';
  const links = declaredLinks(config).filter((link) => link.from === name);
  return {
    ...filled(postgres!.variables, { host, port: ports.postgres, user: 'ats', password: 'secret', database: 'ats' }),
    ...filled(redis!.variables, { host, port: ports.redis }),
    ...filled({ ...service.env, ...service[runtime]!.env }, { sandbox }),
    ...Object.assign(
      {},
      ...links.map((link) => filled(service.links[link.to]!.variables, { host, port: linkPorts[link.name as keyof typeof linkPorts] })),
    ),
    [service.portVariable]: String(ports[name as keyof typeof ports]),
  };
}

/** EXCHANGE_URL: every service gets the exchange's direct URL today, and only the gateway reads it (fixtures/ats/order-gateway/config.ts), through its link. */
const withoutUnread = (name: string, env: Record<string, string>) => {
  const { EXCHANGE_URL, ...rest } = env;
  return name === 'order-gateway' ? env : rest;
};

describe('the reference config', () => {
  it('is what a command uses when no firedrill.config.ts is in the working directory', async () => {
    const loaded = await loadConfigFor(undefined, repoRoot);
    expect([loaded.file, loaded.source]).toEqual([referenceConfigFile, 'reference']);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("declares the runtimes' services and links, each link leading where links.ts routes it", async () => {
    const { config } = await loadReferenceConfig();
    expect(['postgres', 'redis', ...config.services.map((s) => s.name)]).toEqual(serviceNames);
    const links = declaredLinks(config);
    expect(links.map((link) => link.name)).toEqual(linkNames);
    const upstreams = linkUpstreams(connection.ports);
    for (const link of links) expect(ports[link.to as keyof typeof ports], link.name).toBe(upstreams[link.name as keyof typeof upstreams]);
  });

  it('starts each service locally as PM2 does, with the same environment', async () => {
    const { config } = await loadReferenceConfig();
    for (const app of atsApps(connection)) {
      const local = config.services.find((s) => s.name === app.name)!.local!;
      expect([local.command, resolve(local.cwd, local.args[0]!)], app.name).toEqual(['node', app.script]);
      expect(declaredEnv(config, app.name, 'local'), app.name).toEqual(withoutUnread(app.name, app.env));
    }
  });

  it('starts each service in a container as the docker runtime does: image, command, environment, readiness path', async () => {
    const { config } = await loadReferenceConfig();
    for (const [name, spec] of nodeServiceSpecs('env-test', defaultImages.node, connection, '/cache')) {
      const service = config.services.find((s) => s.name === name)!;
      const docker = service.docker!;
      expect(docker.image, name).toBe(spec.image);
      expect(relative(repoRoot, resolve(service.local!.cwd, docker.command[0]!)), name).toBe(spec.args?.[0]);
      const { NODE_COMPILE_CACHE, ...env } = spec.env ?? {};
      expect(declaredEnv(config, name, 'docker'), name).toEqual(withoutUnread(name, env));
      const readiness = service.paths.readiness ?? service.paths.health;
      expect(spec.readiness.what, name).toBe(`${name} answering http://127.0.0.1:${ports[name]}${readiness}`);
    }
    expect([config.datastores.postgres?.docker?.image, config.datastores.redis?.docker?.image]).toEqual([
      defaultImages.postgres,
      defaultImages.redis,
    ]);
  });

  it("names the runbook's URL variables, the scraped services, the migrations, runbook and rules the runtimes use", async () => {
    const { config } = await loadReferenceConfig();
    const steps = commonStepVariables({
      sandbox: { id: 'env-test', dir: sandbox } as Sandbox,
      connection,
      faultProxyUrl: 'http://127.0.0.1:1',
      monitoring: { prometheusUrl: 'http://127.0.0.1:2', alertmanagerUrl: 'http://127.0.0.1:3' } as Monitoring,
      pgAdmin: { user: 'postgres', password: 'admin' },
    });
    for (const service of config.services)
      expect(steps[service.urlVariable!], service.name).toBe(`http://127.0.0.1:${ports[service.name as keyof typeof ports]}`);
    expect(config.services.filter((s) => s.paths.metrics === '/metrics').map((s) => s.name)).toEqual(scrapedServices);
    expect([config.datastores.postgres?.migrations, config.runbook, config.monitoring.rulesDir]).toEqual([
      migrationsDir,
      defaultRunbookPath,
      defaultAlertRulesDir,
    ]);
  });

  it('routes alerts to the contacts fixtures/prometheus/alertmanager/alertmanager.yml routes them to', async () => {
    const { config } = await loadReferenceConfig();
    const yml = parse(await readFile(defaultAlertmanagerConfig, 'utf8')) as {
      route: { receiver: string; routes: { matchers: string[]; receiver: string }[] };
      receivers: { name: string; webhook_configs: { url: string }[] }[];
    };
    // A receiver's webhook path names its contact: ${WEBHOOK_URL}/pagerduty/P7X2K9Q → pagerduty:P7X2K9Q.
    const contact = (receiver: string) => {
      const url = yml.receivers.find((r) => r.name === receiver)!.webhook_configs[0]!.url;
      return url.replace(/^\$\{WEBHOOK_URL\}\/([^/]+)\/(.+)$/, '$1:$2');
    };
    expect(config.monitoring.alertmanager).toEqual({
      routes: yml.route.routes.map((route) => ({ matchers: route.matchers, contact: contact(route.receiver) })),
      defaultContact: contact(yml.route.receiver),
    });
    expect(join(config.monitoring.rulesDir, 'alertmanager', 'alertmanager.yml')).toBe(defaultAlertmanagerConfig);
  });
});
