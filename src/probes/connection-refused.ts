import { connect } from 'node:net';
import type { ServiceName } from '../runtime/runtime.ts';
import type { Probe } from './probe.ts';

/**
 * Nothing listens on `service`'s port any more: a TCP connection is refused
 * (its process is gone). An accepted connection, or one that does not answer
 * within 1 s (a hang, not a loss), does not hold.
 */
export function connectionRefused(service: ServiceName): Probe {
  return {
    name: `${service} refuses connections (nothing listens on its port)`,
    uses: { services: [service] },
    async observe({ env }) {
      const { port } = env.service(service);
      const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('accepted'));
        socket.once('timeout', () => resolve('no answer within 1000 ms'));
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      socket.destroy();
      return { ok: outcome === 'ECONNREFUSED', detail: `port ${port}: ${outcome === 'ECONNREFUSED' ? 'connection refused' : outcome}` };
    },
  };
}
