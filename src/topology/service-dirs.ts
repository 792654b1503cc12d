/**
 * The directories services write in the sandbox: `logs` for every service
 * (PM2 writes `<name>.log` there locally; a container may write it through
 * LOG_FILE; runbook steps read it as LOG_DIR) and each service's declared
 * `dirs`. Writable by anyone: containers run services as an unprivileged user.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServiceConfig } from '../config/service-schema.ts';
import { fillTemplate } from '../config/placeholders.ts';
import type { Topology } from './topology.ts';

export const logsDirIn = (sandboxDir: string) => join(sandboxDir, 'logs');

/** The directories a service writes besides its log, filled in. */
export function serviceDirs(service: ServiceConfig, sandboxDir: string): string[] {
  return service.dirs.map((dir) => fillTemplate(dir, { sandbox: sandboxDir }));
}

export async function createServiceDirs(topology: Topology, sandboxDir: string): Promise<void> {
  const dirs = [logsDirIn(sandboxDir), ...topology.services.flatMap((service) => serviceDirs(service, sandboxDir))];
  for (const dir of new Set(dirs)) {
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o777);
  }
}
