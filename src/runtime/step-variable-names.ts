/**
 * The names of the variables a runbook step may find, on any runtime: the
 * common ones (step-variables.ts, by its own keys), the host's (local) and
 * the containers' (docker: each one's name, and SERVICE_CONTAINERS, the services' in start order), and nginx's and the colours' where the config marks a service blue/green. The linter tells ShellCheck they are assigned, so
 * `$REDIS_PORT` passes and a misspelt `$REDIS_PROT` is reported.
 */
import type { Sandbox } from '../host/sandbox.ts';
import { blueGreenVariableNames } from '../topology/blue-green.ts';
import { isDatastore, serviceNamed, type Topology } from '../topology/topology.ts';
import type { ServiceName } from './runtime.ts';
import { commonStepVariables } from './step-variables.ts';

/** The step variable holding a component's container name: POSTGRES_CONTAINER, the service's docker.containerVariable, or `<NAME>_CONTAINER`. */
export function containerVariable(topology: Topology, name: ServiceName): string {
  const declared = isDatastore(topology, name) ? undefined : serviceNamed(topology, name).docker?.containerVariable;
  return declared ?? `${name.toUpperCase().replaceAll('-', '_')}_CONTAINER`;
}

/** Set by the local runtime besides the common ones (local-environment.ts). */
function hostVariableNames(topology: Topology): string[] {
  return [...(isDatastore(topology, 'postgres') ? ['PGDATA'] : []), ...(isDatastore(topology, 'redis') ? ['REDIS_CONF'] : []), 'PM2_HOME'];
}

export function stepVariableNames(topology: Topology): string[] {
  const ports = Object.fromEntries(topology.componentNames.map((name) => [name, 0]));
  const common = commonStepVariables({
    topology,
    sandbox: { id: '', dir: '' } satisfies Sandbox,
    addresses: { sandboxDir: '', ports, linkPorts: {}, postgres: { user: '', password: '', database: '' } },
    faultProxyUrl: '',
    monitoring: { prometheusUrl: '', alertmanagerUrl: '' },
    pgAdmin: { user: '', password: '' },
  });
  const containers = topology.componentNames.map((name) => containerVariable(topology, name));
  return [
    ...new Set([
      ...Object.keys(common),
      ...hostVariableNames(topology),
      'DOCKER_HOST',
      'SERVICE_CONTAINERS',
      ...containers,
      ...blueGreenVariableNames(topology),
    ]),
  ].sort();
}
