/**
 * One colour of a blue/green service as a container: the service's own container spec (image, command, mounts,
 * restart policy) under the name `firedrill-<env>-<service>-<colour>`, with the colour's environment (its own port
 * under the service's port variable, FIREDRILL_COLOUR, a build's env on top; topology/blue-green.ts).
 *
 * It counts as started once its process runs: deploy() answers then, and waitReady() polls colourReadiness, the
 * colour's readiness path on its own port (a slow-start build is started long before it is ready). Provisioning
 * starts blue with colourReadiness as its readiness, as every other service.
 */
import { join } from 'node:path';
import type { ServiceConfig } from '../../config/service-schema.ts';
import { type ColourPorts, colourEnv, colourName, colourUrl } from '../../topology/blue-green.ts';
import { logsDirIn } from '../../topology/service-dirs.ts';
import type { Addresses } from '../../topology/service-env.ts';
import type { Topology } from '../../topology/topology.ts';
import type { Colour } from '../runtime.ts';
import { answersOk } from '../wait-for-http.ts';
import type { ContainerSpec } from './container-spec.ts';
import { Ready, type Readiness } from './readiness.ts';
import { serviceSpec } from './service-containers.ts';

export interface ColourContainerInput {
  readonly envId: string;
  readonly topology: Topology;
  readonly service: ServiceConfig;
  readonly addresses: Addresses & { readonly colourPorts: ColourPorts };
  readonly nodeCompileCache: string;
}

export function colourSpec(input: ColourContainerInput, colour: Colour, build?: string): ContainerSpec {
  const { envId, topology, service, addresses, nodeCompileCache } = input;
  const base = serviceSpec(envId, topology, service, addresses, nodeCompileCache);
  const env = { ...colourEnv(topology, service, 'docker', addresses, colour, build), NODE_COMPILE_CACHE: nodeCompileCache };
  return {
    ...base,
    role: colourName(service.name, colour),
    env: withColourLogFile(env, addresses.sandboxDir, service.name, colour),
    readiness: Ready.when(`${colourName(service.name, colour)}'s process running`, async () => true),
  };
}

/**
 * A colour writes its own log file, `<service>-<colour>.log` in the sandbox's logs dir, as PM2 names the colours'
 * logs locally: the variable naming `<service>.log` there (the reference services' LOG_FILE) is pointed at it.
 */
function withColourLogFile(env: Record<string, string>, sandboxDir: string, service: string, colour: Colour): Record<string, string> {
  const shared = join(logsDirIn(sandboxDir), `${service}.log`);
  const own = join(logsDirIn(sandboxDir), `${colourName(service, colour)}.log`);
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value === shared ? own : value]));
}

/** The colour answers 200 on its readiness path (the health path when it has none), directly on its own port. */
export function colourReadiness({ service, addresses }: ColourContainerInput, colour: Colour): Readiness {
  const url = `${colourUrl(addresses.colourPorts, service.name, colour)}${readinessPathOf(service)}`;
  return Ready.when(`${colourName(service.name, colour)} answering ${url}`, () => answersOk(url));
}

/** Where a service says it is ready: its readiness path, else its health path. */
export const readinessPathOf = (service: ServiceConfig) => service.paths.readiness ?? service.paths.health;
