import type { ServiceName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

/**
 * Hangs a service: its main process is frozen (SIGSTOP locally, `docker pause`
 * on docker), so it keeps its pid, its listening socket and its supervisor's
 * trust, and answers nothing. Unlike a kill, nothing restarts it. Revert thaws
 * it if the frozen process is still the service's; one restarted since is left alone.
 */
export function pauseService(service: ServiceName): Fault {
  const description = `pause ${service}`;
  return {
    kind: 'process.pause',
    description,
    uses: { services: [service] },
    async inject(env) {
      const handle = env.service(service);
      const pid = await handle.pause().catch((error: unknown) => {
        throw new Error(`Fault "${description}": ${(error as Error).message}`, { cause: error });
      });
      return { description: `${description} (pid ${pid} frozen)`, revert: once(() => handle.resume(pid)) };
    },
  };
}
