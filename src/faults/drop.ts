import type { LinkName } from '../runtime/runtime.ts';
import type { Fault } from './fault.ts';
import { toxicFault } from './toxic-fault.ts';

/**
 * Data sent is thrown away (Toxiproxy's `timeout`, the proxy's `drop` toxic);
 * with closeAfterMs the connection is then closed. Unlike stall(), nothing
 * sent during the fault arrives later: a sender that gave up on what it sent
 * and did not send it again has lost it.
 */
export function drop(link: LinkName, options: { closeAfterMs?: number } = {}): Fault {
  const timeout = options.closeAfterMs ?? 0;
  const what = timeout === 0 ? 'traffic dropped until reverted' : `traffic dropped, connections closed after ${timeout} ms`;
  return toxicFault('network.drop', link, { type: 'drop', stream: 'upstream', attributes: { timeout } }, what);
}
