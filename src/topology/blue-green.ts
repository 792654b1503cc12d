/**
 * What every runtime shares about blue/green services (the config's `blueGreen`, in environments whose scenario
 * asks): which services, each colour's port and environment, the nginx in front, and the step variables.
 *
 *   service S on port P ──> nginx on P ──live.conf──> S-blue on its port | S-green on its port
 *
 * A colour runs with S's environment, its own port under S's port variable, FIREDRILL_COLOUR, and a build's env on top.
 */
import { colourVariable, type ServiceConfig } from '../config/service-schema.ts';
import { fillTemplate } from '../config/placeholders.ts';
import { freePort } from '../host/ports.ts';
import type { NginxSite } from '../nginx/nginx-config.ts';
import { type NginxLayout, upstreamsDirOf } from '../nginx/nginx-layout.ts';
import { type Colour, colours, type RuntimeName, type ServiceName } from '../runtime/runtime.ts';
import { type Addresses, loopback, serviceEnv } from './service-env.ts';
import { type Ports, serviceNamed, type Topology } from './topology.ts';

/** Each blue/green service's colour ports. */
export type ColourPorts = Readonly<Record<ServiceName, Readonly<Record<Colour, number>>>>;

/** How PM2 and the evidence name a colour's process: `order-gateway-blue`. */
export const colourName = (service: ServiceName, colour: Colour) => `${service}-${colour}`;

/** The step variable a colour's direct URL is in: the service's URL variable with `_URL` → `_BLUE_URL` (ATS_BLUE_URL). */
export function colourUrlVariable(service: ServiceConfig, colour: Colour): string {
  const upper = colour.toUpperCase();
  const base = service.urlVariable ?? `${service.name.toUpperCase().replaceAll('-', '_')}_URL`;
  return base.endsWith('_URL') ? `${base.slice(0, -'_URL'.length)}_${upper}_URL` : `${base}_${upper}`;
}

/** Throws, before anything starts, for a name the config does not mark blueGreen, naming those it does. */
export function requireBlueGreen(topology: Topology, names: readonly ServiceName[]): void {
  const unmarked = names.filter((name) => !topology.blueGreenNames.includes(name));
  if (unmarked.length > 0)
    throw new Error(
      `Cannot run ${unmarked.map((name) => `"${name}"`).join(', ')} blue/green: the config does not mark ${unmarked.length === 1 ? 'it' : 'them'} blueGreen ` +
        `(blue/green services: ${topology.blueGreenNames.length > 0 ? topology.blueGreenNames.join(', ') : 'none'})`,
    );
}

export async function allocateColourPorts(names: readonly ServiceName[]): Promise<ColourPorts> {
  const entries = await Promise.all(names.map(async (name) => [name, { blue: await freePort(), green: await freePort() }] as const));
  return Object.fromEntries(entries);
}

/** The env of one build of the service (none: the current build); throws naming the known builds for an unknown one. */
export function buildEnv(service: ServiceConfig, build: string | undefined, sandboxDir: string): Record<string, string> {
  if (build === undefined) return {};
  const builds = service.blueGreen?.builds ?? {};
  const known = builds[build];
  if (!known)
    throw new Error(
      `Unknown build "${build}" of ${service.name}; known builds: ${Object.keys(builds).length > 0 ? Object.keys(builds).join(', ') : 'none'} (the config's blueGreen.builds), or none for the current build`,
    );
  return Object.fromEntries(Object.entries(known.env).map(([name, value]) => [name, fillTemplate(value, { sandbox: sandboxDir })]));
}

/** What `colour` of `service` runs with on `runtime`, with `build` (absent: the current build). */
export function colourEnv(
  topology: Topology,
  service: ServiceConfig,
  runtime: RuntimeName,
  addresses: Addresses & { readonly colourPorts: ColourPorts },
  colour: Colour,
  build?: string,
): Record<string, string> {
  return {
    ...serviceEnv(topology, service, runtime, addresses),
    ...buildEnv(service, build, addresses.sandboxDir),
    [service.portVariable]: String(addresses.colourPorts[service.name]![colour]),
    [colourVariable]: colour,
  };
}

/** What nginx fronts: each blue/green service on its own port, with its colours. */
export function nginxSites(names: readonly ServiceName[], ports: Ports, colourPorts: ColourPorts): NginxSite[] {
  return names.map((name) => ({ service: name, port: ports[name]!, colours: colourPorts[name]! }));
}

export const colourUrl = (colourPorts: ColourPorts, service: ServiceName, colour: Colour) =>
  `http://${loopback}:${colourPorts[service]![colour]}`;

/** NGINX_CONF, each service's upstreams variable (NGINX_UPSTREAMS) and its colours' URLs (ATS_BLUE_URL, ATS_GREEN_URL). */
export function blueGreenStepVariables(
  topology: Topology,
  names: readonly ServiceName[],
  layout: NginxLayout,
  colourPorts: ColourPorts,
): Record<string, string> {
  if (names.length === 0) return {};
  return Object.assign(
    { NGINX_CONF: layout.confFile },
    ...names.map((name) => {
      const service = serviceNamed(topology, name);
      return {
        [service.blueGreen!.upstreamsVariable]: upstreamsDirOf(layout, name),
        ...Object.fromEntries(colours.map((colour) => [colourUrlVariable(service, colour), colourUrl(colourPorts, name, colour)])),
      };
    }),
  );
}

/** The names of those variables for every service the config marks blueGreen (for the runbook linter), NGINX_CONTAINER included. */
export function blueGreenVariableNames(topology: Topology): string[] {
  const services = topology.services.filter((service) => service.blueGreen);
  if (services.length === 0) return [];
  return [
    'NGINX_CONF',
    'NGINX_CONTAINER',
    ...services.flatMap((service) => [
      service.blueGreen!.upstreamsVariable,
      ...colours.map((colour) => colourUrlVariable(service, colour)),
    ]),
  ];
}
