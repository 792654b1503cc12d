/**
 * The variables each service runs with, and the ones every service and
 * runbook step shares, filled in from the environment's addresses:
 *
 *   datastores' variables (direct) + services' URL variables (direct)
 *     + the service's env + its runtime's env + its links (through the fault proxy) + its port
 *
 * Later entries win: a link's PGPORT replaces the direct one, so the service
 * reaches that dependency through the proxy and no other way.
 */
import type { RuntimeName } from '../runtime/runtime.ts';
import type { ServiceConfig } from '../config/service-schema.ts';
import { fillTemplate } from '../config/placeholders.ts';
import type { DatastoreName } from '../config/datastore-schema.ts';
import { isDatastore, type Ports, type Topology } from './topology.ts';

export const loopback = '127.0.0.1';

/** The role and database firedrill creates for the system's services and runbook steps (the superuser stays firedrill's). */
export const appRole = { user: 'ats', database: 'ats' } as const;

export interface PostgresCredentials {
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface Addresses {
  readonly sandboxDir: string;
  readonly ports: Ports;
  /** The fault proxy's listen port for each link. */
  readonly linkPorts: Ports;
  /** Present when the system declares postgres. */
  readonly postgres?: PostgresCredentials;
}

const fillAll = (templates: Readonly<Record<string, string>>, values: Readonly<Record<string, string | number>>) =>
  Object.fromEntries(Object.entries(templates).map(([name, template]) => [name, fillTemplate(template, values)]));

type DatastoreTemplates = Partial<Record<DatastoreName, Readonly<Record<string, string>>>>;

/**
 * How to reach each declared datastore directly: by the config's variable
 * names (PGHOST…, REDIS_URL…), or by the `templates` given (conventionalVariables).
 */
export function datastoreVariables(
  topology: Topology,
  addresses: Addresses,
  templates: DatastoreTemplates = {
    postgres: topology.config.datastores.postgres?.variables,
    redis: topology.config.datastores.redis?.variables,
  },
): Record<string, string> {
  const declared = (name: DatastoreName) => (isDatastore(topology, name) ? templates[name] : undefined);
  const postgres = declared('postgres');
  const redis = declared('redis');
  return {
    ...(postgres ? fillAll(postgres, { host: loopback, port: addresses.ports.postgres!, ...addresses.postgres }) : {}),
    ...(redis ? fillAll(redis, { host: loopback, port: addresses.ports.redis! }) : {}),
  };
}

/** Each service's base URL under its `urlVariable`: `ATS_URL=http://127.0.0.1:PORT`. */
export function serviceUrlVariables(topology: Topology, ports: Ports): Record<string, string> {
  return Object.fromEntries(
    topology.services.flatMap((service) => (service.urlVariable ? [[service.urlVariable, serviceUrl(ports, service.name)]] : [])),
  );
}

export const serviceUrl = (ports: Ports, name: string) => `http://${loopback}:${ports[name]}`;

/** The environment `service` runs with on `runtime`. */
export function serviceEnv(topology: Topology, service: ServiceConfig, runtime: RuntimeName, addresses: Addresses): Record<string, string> {
  const sandbox = { sandbox: addresses.sandboxDir };
  const links = topology.links
    .filter((link) => link.from === service.name)
    .map((link) => fillAll(link.templates, { host: loopback, port: addresses.linkPorts[link.name]!, ...addresses.postgres }));
  return {
    ...datastoreVariables(topology, addresses),
    ...serviceUrlVariables(topology, addresses.ports),
    ...fillAll(service.env, sandbox),
    ...fillAll(service[runtime]?.env ?? {}, sandbox),
    ...Object.assign({}, ...links),
    [service.portVariable]: String(addresses.ports[service.name]),
  };
}
