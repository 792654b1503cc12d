/**
 * The system's services as PM2 apps: each service's `local` start (command,
 * args, cwd) with the environment the topology gives it. A `node` command runs
 * on the Node that runs firedrill (with its compile cache); any other command
 * runs as it is, found on PATH.
 */
import { resolve } from 'node:path';
import { type Addresses, serviceEnv } from '../../topology/service-env.ts';
import type { Topology } from '../../topology/topology.ts';
import type { Pm2App } from './pm2.ts';

/** `nodeCompileCache`: the dir of Node's compile cache (host/node-compile-cache.ts), for the Node services. */
export function pm2Apps(topology: Topology, addresses: Addresses, nodeCompileCache?: string): Pm2App[] {
  return topology.services.map((service) => {
    const local = service.local;
    if (!local) throw new Error(noLocalStart([service.name]));
    const env = serviceEnv(topology, service, 'local', addresses);
    if (local.command !== 'node')
      return { name: service.name, script: local.command, args: local.args, interpreter: 'none', cwd: local.cwd, env };
    const [script, ...args] = local.args;
    if (script === undefined) throw new Error(`Service "${service.name}": local.command is node, but local.args names no script to run`);
    return {
      name: service.name,
      script: resolve(local.cwd, script),
      args,
      interpreter: process.execPath,
      cwd: local.cwd,
      env: { ...env, ...(nodeCompileCache ? { NODE_COMPILE_CACHE: nodeCompileCache } : {}) },
    };
  });
}

/** Throws, before anything starts, naming every service the config gives no local start. */
export function requireLocalStarts(topology: Topology): void {
  const missing = topology.services.filter((service) => !service.local).map((service) => service.name);
  if (missing.length > 0) throw new Error(noLocalStart(missing));
}

const noLocalStart = (names: readonly string[]) =>
  `The local runtime cannot start ${names.join(', ')}: the config gives ${names.length === 1 ? 'it' : 'them'} no \`local\` start (command, args); add one, or use --runtime docker`;
