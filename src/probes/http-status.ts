import type { ServiceName } from '../runtime/runtime.ts';
import type { Probe } from './probe.ts';

/** `service` answers `path` with `status` within `timeoutMs`. */
export function httpStatus(service: ServiceName, path: string, status = 200, timeoutMs = 1000): Probe {
  return {
    name: `${service} ${path} answers ${status}`,
    async observe({ env }) {
      const url = `${env.service(service).url}${path}`;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const body = (await response.text()).slice(0, 300);
        return { ok: response.status === status, detail: `${path} ${response.status}: ${body}` };
      } catch (error) {
        return { ok: false, detail: `${path}: ${(error as Error).cause ?? (error as Error).message}` };
      }
    },
  };
}
