import type { Stream } from '../proxy-client/fault-proxy-client.ts';
import type { LinkName } from '../runtime/runtime.ts';
import type { Fault } from './fault.ts';
import { toxicFault } from './toxic-fault.ts';

/** Chokes the link to rateKBps kilobytes per second. */
export function bandwidthChoke(link: LinkName, options: { rateKBps: number; stream?: Stream }): Fault {
  const stream = options.stream ?? 'downstream';
  return toxicFault(
    'network.bandwidth',
    link,
    { type: 'bandwidth', stream, attributes: { rate: options.rateKBps } },
    `${stream} bandwidth choked to ${options.rateKBps} KB/s`,
  );
}
