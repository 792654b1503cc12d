/**
 * Blue/green services on the local runtime: each colour a PM2 app (`S-blue`, `S-green`, namespace `S`), nginx in
 * front (nginx-server.ts). Blue runs from provisioning; green is idle until deployed. The switch is the runbook's:
 * live.conf re-pointed, then `nginx -t` and a reload.
 */
import { waitUntil } from '../../clock/wait-until.ts';
import { liveColour, pointLive } from '../../nginx/live-colour.ts';
import { upstreamsDirOf } from '../../nginx/nginx-layout.ts';
import { type ColourPorts, colourName, colourUrl } from '../../topology/blue-green.ts';
import type { Addresses } from '../../topology/service-env.ts';
import { serviceNamed, type Topology } from '../../topology/topology.ts';
import type { BlueGreenHandle, Colour, ServiceName } from '../runtime.ts';
import { waitForHttp } from '../wait-for-http.ts';
import { colourApp } from './local-services.ts';
import type { NginxServer } from './nginx-server.ts';
import type { Pm2 } from './pm2.ts';

export interface LocalBlueGreen {
  readonly names: readonly ServiceName[];
  readonly colourPorts: ColourPorts;
  readonly nginx: NginxServer;
  /** The PM2 app of the colour live now. */
  liveApp(name: ServiceName): Promise<string>;
  /** Throws naming the blue/green services for any other name. */
  handle(name: ServiceName): BlueGreenHandle;
}

export interface LocalBlueGreenParts {
  readonly topology: Topology;
  readonly addresses: Addresses & { readonly colourPorts: ColourPorts };
  readonly names: readonly ServiceName[];
  readonly pm2: Pm2;
  readonly nginx: NginxServer;
  readonly nodeCompileCache?: string;
}

const other = (colour: Colour): Colour => (colour === 'blue' ? 'green' : 'blue');

export function localBlueGreen(parts: LocalBlueGreenParts): LocalBlueGreen {
  const { names, nginx } = parts;
  const live = (name: ServiceName) => liveColour(upstreamsDirOf(nginx.layout, name));
  const handles = new Map(names.map((name) => [name, colourHandle(parts, name, () => live(name))]));
  return {
    names,
    colourPorts: parts.addresses.colourPorts,
    nginx,
    liveApp: async (name) => colourName(name, await live(name)),
    handle(name) {
      const handle = handles.get(name);
      if (!handle) throw notBlueGreen(name, names);
      return handle;
    },
  };
}

/** What an environment provisioned without blue/green answers for every name. */
export const localBlueGreenOfNone: Pick<LocalBlueGreen, 'handle'> = {
  handle: (name) => {
    throw notBlueGreen(name, []);
  },
};

const notBlueGreen = (name: ServiceName, names: readonly ServiceName[]) =>
  new Error(
    `"${name}" does not run blue/green in this environment; its blue/green services: ${names.length > 0 ? names.join(', ') : 'none'} ` +
      '(a scenario asks for them with blueGreen: [...], naming services the config marks blueGreen)',
  );

function colourHandle(parts: LocalBlueGreenParts, name: ServiceName, live: () => Promise<Colour>): BlueGreenHandle {
  const service = serviceNamed(parts.topology, name);
  const url = (colour: Colour) => colourUrl(parts.addresses.colourPorts, name, colour);
  const log = (colour: Colour) => `logs/${colourName(name, colour)}.log and .err.log in the sandbox`;
  return {
    service: name,
    live,
    colourUrl: url,
    async deploy({ build, colour }, signal) {
      const target = colour ?? other(await live());
      const app = colourApp(parts.topology, service, parts.addresses, target, build, parts.nodeCompileCache);
      signal.throwIfAborted();
      await parts.pm2.replace(app);
      await waitUntil(() => parts.pm2.pid(app.name), { what: `PM2 starting ${app.name} (see ${log(target)})`, timeoutMs: 10_000, signal });
      return target;
    },
    async waitReady(colour, timeoutMs, signal) {
      await waitForHttp(`${url(colour)}${service.paths.readiness ?? service.paths.health}`, {
        what: `${name}'s ${colour} colour (see ${log(colour)})`,
        timeoutMs,
        signal,
      });
    },
    async switchTo(colour) {
      await pointLive(upstreamsDirOf(parts.nginx.layout, name), colour);
      await parts.nginx.reload();
    },
    stop: (colour) => parts.pm2.remove(colourName(name, colour)),
  };
}
