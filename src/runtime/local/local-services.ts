/**
 * The system's services as PM2 apps: each service's `local` start (command,
 * args, cwd) with the environment the topology gives it. A `node` command runs
 * on the Node that runs firedrill (with its compile cache); any other command
 * runs as it is, found on PATH. A service run blue/green is two apps,
 * `<name>-blue` and `<name>-green`, in PM2 namespace `<name>`.
 */
import { resolve } from 'node:path';
import type { ServiceConfig } from '../../config/service-schema.ts';
import { type ColourPorts, colourEnv, colourName } from '../../topology/blue-green.ts';
import { type Addresses, serviceEnv } from '../../topology/service-env.ts';
import type { Topology } from '../../topology/topology.ts';
import type { Colour } from '../runtime.ts';
import type { Pm2App } from './pm2.ts';

/** The services run blue/green and their colours' ports. */
export interface BlueGreenApps {
  readonly names: readonly string[];
  readonly colourPorts: ColourPorts;
}

/** `nodeCompileCache`: the dir of Node's compile cache (host/node-compile-cache.ts), for the Node services. */
export function pm2Apps(topology: Topology, addresses: Addresses, nodeCompileCache?: string, blueGreen?: BlueGreenApps): Pm2App[] {
  return topology.services.flatMap((service) =>
    blueGreen?.names.includes(service.name)
      ? (['blue', 'green'] as const).map((colour) =>
          colourApp(topology, service, { ...addresses, colourPorts: blueGreen.colourPorts }, colour, undefined, nodeCompileCache),
        )
      : [pm2App(service, service.name, serviceEnv(topology, service, 'local', addresses), nodeCompileCache)],
  );
}

/** One colour of a blue/green service, with `build` (absent: the current build). */
export function colourApp(
  topology: Topology,
  service: ServiceConfig,
  addresses: Addresses & { readonly colourPorts: ColourPorts },
  colour: Colour,
  build: string | undefined,
  nodeCompileCache?: string,
): Pm2App {
  const env = colourEnv(topology, service, 'local', addresses, colour, build);
  return { ...pm2App(service, colourName(service.name, colour), env, nodeCompileCache), namespace: service.name };
}

function pm2App(service: ServiceConfig, name: string, env: Record<string, string>, nodeCompileCache?: string): Pm2App {
  const local = service.local;
  if (!local) throw new Error(noLocalStart([service.name]));
  if (local.command !== 'node') return { name, script: local.command, args: local.args, interpreter: 'none', cwd: local.cwd, env };
  const [script, ...args] = local.args;
  if (script === undefined) throw new Error(`Service "${service.name}": local.command is node, but local.args names no script to run`);
  return {
    name,
    script: resolve(local.cwd, script),
    args,
    interpreter: process.execPath,
    cwd: local.cwd,
    env: { ...env, ...(nodeCompileCache ? { NODE_COMPILE_CACHE: nodeCompileCache } : {}) },
  };
}

/** Throws, before anything starts, naming every service the config gives no local start. */
export function requireLocalStarts(topology: Topology): void {
  const missing = topology.services.filter((service) => !service.local).map((service) => service.name);
  if (missing.length > 0) throw new Error(noLocalStart(missing));
}

const noLocalStart = (names: readonly string[]) =>
  `The local runtime cannot start ${names.join(', ')}: the config gives ${names.length === 1 ? 'it' : 'them'} no \`local\` start (command, args); add one, or use --runtime docker`;
