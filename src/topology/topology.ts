/**
 * The system under test as the runtimes build it, from its config: the
 * components (the declared datastores, then the services), each on its own
 * loopback port, and the links between them through the fault proxy.
 *
 *   LoadedConfig ──topologyOf──> Topology ──allocatePorts──> Ports
 *
 * Scenarios name components and links; a name the config does not declare is
 * an error listing the ones it does.
 */
import { dirname } from 'node:path';
import type { SystemConfig } from '../config/config-schema.ts';
import { type DatastoreName, datastoreNames } from '../config/datastore-schema.ts';
import { type DeclaredLink, declaredLinks } from '../config/declared-links.ts';
import { type LoadedConfig, loadReferenceConfig } from '../config/load-config.ts';
import type { ServiceConfig } from '../config/service-schema.ts';
import { freePort } from '../host/ports.ts';

export interface Topology {
  readonly config: SystemConfig;
  /** The config file's directory: where containers run their command. */
  readonly configDir: string;
  readonly datastores: readonly DatastoreName[];
  readonly services: readonly ServiceConfig[];
  readonly links: readonly DeclaredLink[];
  /** Every component a scenario may name: the datastores, then the services. */
  readonly componentNames: readonly string[];
  readonly linkNames: readonly string[];
  /** The services the config marks `blueGreen`: the ones a scenario may ask to run blue/green. */
  readonly blueGreenNames: readonly string[];
}

/** A loopback port per component. */
export type Ports = Readonly<Record<string, number>>;

export function topologyOf(loaded: Pick<LoadedConfig, 'config' | 'file'>): Topology {
  const { config } = loaded;
  const datastores = datastoreNames.filter((name) => config.datastores[name] !== undefined);
  const links = declaredLinks(config);
  return {
    config,
    configDir: dirname(loaded.file),
    datastores,
    services: config.services,
    links,
    componentNames: [...datastores, ...config.services.map((service) => service.name)],
    linkNames: links.map((link) => link.name),
    blueGreenNames: config.services.filter((service) => service.blueGreen).map((service) => service.name),
  };
}

/** Whether `name` is one of the system's datastores (postgres, redis) rather than a service. */
export const isDatastore = (topology: Topology, name: string): boolean => (topology.datastores as readonly string[]).includes(name);

/** The service named `name`; throws listing the services when there is none. */
export function serviceNamed(topology: Topology, name: string): ServiceConfig {
  const service = topology.services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`Unknown service "${name}"; known services: ${topology.services.map((s) => s.name).join(', ')}`);
  return service;
}

/** One free loopback port per component. */
export async function allocatePorts(topology: Topology): Promise<Ports> {
  const ports = await Promise.all(topology.componentNames.map(() => freePort()));
  return Object.fromEntries(topology.componentNames.map((name, i) => [name, ports[i]!]));
}

let reference: Promise<Topology> | undefined;

/** The reference ATS (fixtures/ats/firedrill.config.ts): what a runtime stands up when given no topology. */
export function referenceTopology(): Promise<Topology> {
  reference ??= loadReferenceConfig().then(topologyOf);
  return reference;
}
