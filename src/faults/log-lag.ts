import { usesOf } from '../scenario/uses.ts';
import type { Fault } from './fault.ts';
import { latency } from './latency.ts';
import { stall } from './stall.ts';

/**
 * Logs reach the sink late: the log shipper's link to it stalls (pushes hang
 * until reverted; nothing is lost, the proxy holds the bytes), or with
 * `latencyMs` every push arrives that much later.
 */
export function logLag(options: { latencyMs?: number } = {}): Fault {
  const link = 'shipper-logsink';
  const fault = options.latencyMs === undefined ? stall(link) : latency(link, { latencyMs: options.latencyMs, stream: 'upstream' });
  const description = `log shipping lags: ${fault.description}`;
  return {
    kind: 'logs.lag',
    description,
    uses: usesOf(fault),
    async inject(env, signal) {
      const injected = await fault.inject(env, signal);
      return { description, revert: () => injected.revert() };
    },
  };
}
