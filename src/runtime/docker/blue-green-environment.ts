/**
 * What a docker environment adds for its blue/green services: `env.blueGreen(S)`, the step variables (NGINX_CONF,
 * the upstreams variable, NGINX_CONTAINER, ATS_BLUE_URL/ATS_GREEN_URL, and S's container variable naming blue's
 * container, the colour provisioning starts and a rollback returns to), and the containers describe() lists: the
 * service as its live colour, each colour and nginx.
 */
import { blueGreenStepVariables, colourName } from '../../topology/blue-green.ts';
import type { Ports, Topology } from '../../topology/topology.ts';
import type { BlueGreenHandle, ServiceName } from '../runtime.ts';
import { colours } from '../runtime.ts';
import { containerVariable } from '../step-variable-names.ts';
import type { Container } from './container.ts';
import { containerName } from './start-container.ts';
import type { BlueGreenFront } from './start-blue-green.ts';

/** `env.blueGreen(name)`: throws naming the environment's blue/green services for any other name. */
export function blueGreenLookup(front: BlueGreenFront | undefined): (name: ServiceName) => BlueGreenHandle {
  return (name) => {
    const handle = front?.services.get(name);
    if (handle) return handle;
    const known = front ? [...front.services.keys()].join(', ') : 'none (provision with blueGreen: [service] to have one)';
    throw new Error(`"${name}" does not run blue/green in this environment; its blue/green services: ${known}`);
  };
}

export function blueGreenVariables(topology: Topology, envId: string, front: BlueGreenFront | undefined): Record<string, string> {
  if (!front) return {};
  const names = [...front.services.keys()];
  return {
    ...blueGreenStepVariables(topology, names, front.nginx.layout, front.colourPorts),
    NGINX_CONTAINER: front.nginx.container.name,
    ...Object.fromEntries(names.map((name) => [containerVariable(topology, name), containerName(envId, colourName(name, 'blue'))])),
  };
}

/** A container describe() reports: its name in the report, the port it serves, and the version command to ask it. */
export interface DescribedContainer {
  readonly name: string;
  readonly port: number;
  readonly container: Container | undefined;
  readonly versionCommand: readonly string[] | undefined;
}

/**
 * Each service as the live colour's container on nginx's port, each colour (green without a container until
 * deployed) on its own, and nginx, which reports `nginx -v`.
 */
export async function blueGreenContainers(
  front: BlueGreenFront | undefined,
  ports: Ports,
  versionCommand: (name: ServiceName) => readonly string[] | undefined,
): Promise<DescribedContainer[]> {
  if (!front) return [];
  const services = await Promise.all(
    [...front.services].map(async ([name, handle]) => [
      { name, port: ports[name]!, container: await handle.liveContainer(), versionCommand: versionCommand(name) },
      ...colours.map((colour) => ({
        name: colourName(name, colour),
        port: front.colourPorts[name]![colour],
        container: handle.containers.get(colour),
        versionCommand: versionCommand(name),
      })),
    ]),
  );
  const first = [...front.services.keys()][0]!;
  // nginx -v writes to stderr.
  return [
    ...services.flat(),
    { name: 'nginx', port: ports[first]!, container: front.nginx.container, versionCommand: ['sh', '-c', 'nginx -v 2>&1'] },
  ];
}
