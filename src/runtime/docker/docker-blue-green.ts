/**
 * One blue/green service on the docker runtime: its colours' containers and the nginx container in front.
 *
 *   deploy(build, colour)  removes the colour's container and creates it afresh with the build's env (a new
 *                          container: a new image id and env in `docker inspect`, as a real release does)
 *   waitReady(colour)      polls the colour's readiness path on its own port
 *   switchTo(colour)       live.conf → colour on the host (the dir is bind-mounted), then `docker exec … nginx -t`
 *                          and `nginx -s reload`, and waits for a worker with the new config
 *   stop(colour)           `docker stop` (the container stays, with its log; its restart policy leaves it down)
 *
 * `liveContainer()` is what the service's handle acts on: the container of the colour live.conf points at.
 */
import { waitUntil } from '../../clock/wait-until.ts';
import { liveColour, pointLive } from '../../nginx/live-colour.ts';
import { upstreamsDirOf } from '../../nginx/nginx-layout.ts';
import { buildEnv, colourName, colourUrl } from '../../topology/blue-green.ts';
import type { BlueGreenHandle, Colour } from '../runtime.ts';
import { type ColourContainerInput, colourReadiness, colourSpec } from './colour-containers.ts';
import type { Container } from './container.ts';
import type { NginxContainer } from './nginx-container.ts';
import { startContainer } from './start-container.ts';

export interface DockerBlueGreen extends BlueGreenHandle {
  /** The container of each colour that has one (green has none until its first deploy). */
  readonly containers: ReadonlyMap<Colour, Container>;
  /** The live colour's container; undefined when that colour has none. */
  liveContainer(): Promise<Container | undefined>;
}

export function dockerBlueGreen(input: ColourContainerInput, nginx: NginxContainer, blue: Container): DockerBlueGreen {
  const { service, addresses } = input;
  const containers = new Map<Colour, Container>([['blue', blue]]);
  const dir = upstreamsDirOf(nginx.layout, service.name);
  const live = () => liveColour(dir);
  return {
    service: service.name,
    containers,
    live,
    colourUrl: (colour) => colourUrl(addresses.colourPorts, service.name, colour),
    liveContainer: async () => containers.get(await live()),
    async deploy({ build, colour }, signal) {
      buildEnv(service, build, addresses.sandboxDir); // an unknown build throws, naming the known ones, before anything changes
      const target = colour ?? otherColour(await live());
      await containers.get(target)?.remove();
      containers.delete(target);
      containers.set(target, await startContainer(colourSpec(input, target, build), signal));
      return target;
    },
    async waitReady(colour, timeoutMs, signal) {
      const container = containers.get(colour);
      if (!container) throw new Error(`${colourName(service.name, colour)} has no container: deploy it first`);
      const readiness = colourReadiness(input, colour);
      try {
        await waitUntil(() => readiness.isReady(container), { what: readiness.what, timeoutMs, intervalMs: 50, signal });
      } catch (error) {
        if (signal.aborted) throw error;
        const log = `its last log lines (docker logs ${container.name}):\n${await container.tail(20)}`;
        throw new Error(`${(error as Error).message}; container ${container.name} is ${await container.status()}, ${log}`, {
          cause: error,
        });
      }
    },
    async switchTo(colour) {
      await pointLive(dir, colour);
      await nginx.reload();
    },
    async stop(colour) {
      await containers.get(colour)?.stop(5_000);
    },
  };
}

export function otherColour(colour: Colour): Colour {
  return colour === 'blue' ? 'green' : 'blue';
}
