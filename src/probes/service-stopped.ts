import type { ServiceName } from '../runtime/runtime.ts';
import type { Probe } from './probe.ts';

/**
 * `service` is held stopped by its supervisor (`pm2 stop`; `docker stop`):
 * it will not be started again by itself. A crash-looping service is not,
 * however long it happens to be down between restarts.
 */
export function serviceStopped(service: ServiceName): Probe {
  return {
    name: `${service} held stopped by its supervisor`,
    uses: { services: [service] },
    async observe({ env }) {
      const { stopped, status, restarts } = await env.service(service).supervision();
      return {
        ok: stopped,
        detail: `${service}: its supervisor says ${status}${stopped ? ' (held stopped)' : ''}, ${restarts} restarts in all`,
      };
    },
  };
}
