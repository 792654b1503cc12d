/**
 * The containers of an environment's system: every one carrying its label except monitoring's (Prometheus,
 * Alertmanager), whatever its state: the datastores, the services, blue/green colours and nginx. Found through the
 * CLI, like the reaper, so a container created by a half-done provisionClean is found too.
 */
import { execa } from 'execa';
import { dockerBin } from './docker-bin.ts';
import { monitoringRoles } from './docker-monitoring.ts';
import { envLabel, roleLabel } from './labels.ts';

export interface SystemContainer {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  /** The main process's host pid; 0 unless running or paused. */
  readonly pid: number;
}

export async function systemContainers(envId: string): Promise<SystemContainer[]> {
  const listed = await execa(dockerBin, ['ps', '-aq', '--no-trunc', '--filter', `label=${envLabel}=${envId}`]);
  const ids = listed.stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const format = `{{.Id}}\t{{.Name}}\t{{index .Config.Labels "${roleLabel}"}}\t{{.State.Pid}}`;
  // A container removed between the two calls is left out (inspect says so on stderr and exits 1).
  const inspected = await execa(dockerBin, ['inspect', '--format', format, ...ids], { reject: false });
  return inspected.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .map(([id, name, role, pid]) => ({ id: id!, name: name!.replace(/^\//, ''), role: role!, pid: Number(pid) }))
    .filter((container) => !monitoringRoles.includes(container.role));
}
