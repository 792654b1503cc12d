/**
 * Provisioning's blue/green part on the docker runtime, for the services the scenario runs blue/green:
 *
 *   blue of each (started with the other services, ready on its own port) ─> nginx container (ready when each
 *   service's readiness path answers through it) ─> one DockerBlueGreen per service
 *
 * Green gets no container until its first deploy. Every container carries the environment's labels
 * (start-container.ts), so teardown, a failed provision and the reaper remove the colours and nginx with the rest.
 */
import type { Sandbox } from '../../host/sandbox.ts';
import { type ColourPorts, nginxSites } from '../../topology/blue-green.ts';
import type { Ports } from '../../topology/topology.ts';
import type { ServiceName } from '../runtime.ts';
import { type ColourContainerInput, colourReadiness, colourSpec, readinessPathOf } from './colour-containers.ts';
import type { Container } from './container.ts';
import type { ContainerSpec } from './container-spec.ts';
import { type DockerBlueGreen, dockerBlueGreen } from './docker-blue-green.ts';
import { type NginxContainer, startNginxContainer } from './nginx-container.ts';
import { serviceStartupTimeoutMs } from './service-containers.ts';

export interface BlueGreenFront {
  readonly nginx: NginxContainer;
  readonly colourPorts: ColourPorts;
  readonly services: ReadonlyMap<ServiceName, DockerBlueGreen>;
}

/** What provisioning starts for a blue/green service in place of its one container: its blue colour, awaited until ready. */
export function blueSpec(input: ColourContainerInput): ContainerSpec {
  return { ...colourSpec(input, 'blue'), readiness: colourReadiness(input, 'blue'), startupTimeoutMs: serviceStartupTimeoutMs };
}

/** Starts nginx in front of the ready blues (`blues`: by service name). */
export async function startBlueGreenFront(
  sandbox: Sandbox,
  ports: Ports,
  inputs: readonly ColourContainerInput[],
  blues: ReadonlyMap<ServiceName, Container>,
  signal: AbortSignal,
): Promise<BlueGreenFront> {
  const colourPorts = inputs[0]!.addresses.colourPorts;
  const names = inputs.map((input) => input.service.name);
  const sites = nginxSites(names, ports, colourPorts).map((site, i) => ({ ...site, readinessPath: readinessPathOf(inputs[i]!.service) }));
  const nginx = await startNginxContainer(sandbox, sites, signal);
  const services = new Map(inputs.map((input) => [input.service.name, dockerBlueGreen(input, nginx, blues.get(input.service.name)!)]));
  return { nginx, colourPorts, services };
}
