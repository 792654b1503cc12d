import type { LinkName } from '../runtime/runtime.ts';
import type { Fault } from './fault.ts';
import { toxicFault } from './toxic-fault.ts';

/** Data stops flowing; with closeAfterMs the connection is then closed, without it the stall lasts until reverted. */
export function stall(link: LinkName, options: { closeAfterMs?: number } = {}): Fault {
  const timeout = options.closeAfterMs ?? 0;
  const what = timeout === 0 ? 'traffic stalled until reverted' : `traffic stalled, connections closed after ${timeout} ms`;
  return toxicFault('network.stall', link, { type: 'timeout', stream: 'upstream', attributes: { timeout } }, what);
}
