// reset_peer: when data arrives, wait `timeout` ms (0 = at once), then reset
// both sides of the connection (TCP RST: ECONNRESET). The data is dropped,
// as Toxiproxy does.
import { defineToxic } from './toxic.ts';

export const resetPeer = defineToxic({
  type: 'reset_peer',
  attributes: { timeout: { unit: 'ms' } },
  async pipe(chunk, run) {
    const timeoutMs = run.attributes.timeout;
    const elapsed = timeoutMs > 0 ? await run.sleep(timeoutMs) : true;
    if (elapsed && run.active) run.reset();
    else await run.emit(chunk);
  },
});
