import type { Stream } from '../proxy-client/fault-proxy-client.ts';
import type { LinkName } from '../runtime/runtime.ts';
import type { Fault } from './fault.ts';
import { toxicFault } from './toxic-fault.ts';

/** Delays every chunk by latencyMs ± jitterMs (downstream: the dependency's answers arrive late). */
export function latency(link: LinkName, options: { latencyMs: number; jitterMs?: number; stream?: Stream }): Fault {
  const jitter = options.jitterMs ?? 0;
  const stream = options.stream ?? 'downstream';
  return toxicFault(
    'network.latency',
    link,
    { type: 'latency', stream, attributes: { latency: options.latencyMs, jitter } },
    `${options.latencyMs} ms (±${jitter}) ${stream} latency`,
  );
}
