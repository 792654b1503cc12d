import type { ServiceName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

/** Kills a service's main process. Revert starts it again if it is still down. */
export function killService(service: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Fault {
  const description = `${signal} ${service}`;
  return {
    kind: 'process.kill',
    description,
    uses: { services: [service] },
    async inject(env) {
      const handle = env.service(service);
      const pid = await handle.pid();
      if (pid === undefined) throw new Error(`Fault "${description}": ${service} is not running, nothing to kill`);
      await handle.kill(signal);
      return { description: `${description} (pid ${pid})`, revert: once(() => handle.ensureRunning()) };
    },
  };
}
