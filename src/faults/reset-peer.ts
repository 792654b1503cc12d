import type { LinkName } from '../runtime/runtime.ts';
import type { Fault } from './fault.ts';
import { toxicFault } from './toxic-fault.ts';

/** Connections are reset (TCP RST) afterMs after they open. */
export function resetPeer(link: LinkName, options: { afterMs?: number } = {}): Fault {
  const timeout = options.afterMs ?? 0;
  return toxicFault(
    'network.reset',
    link,
    { type: 'reset_peer', stream: 'upstream', attributes: { timeout } },
    `connections reset after ${timeout} ms`,
  );
}
