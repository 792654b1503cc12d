// timeout: no data gets through; after `timeout` ms the connection is closed.
// With 0 it is never closed: data waits (the source held back by
// backpressure) until the toxic is removed, then flows again, as Toxiproxy's
// README describes. Toxiproxy's code drops the held data and closes the
// connection on removal; here nothing read is lost.
import { defineToxic } from './toxic.ts';

export const timeout = defineToxic({
  type: 'timeout',
  attributes: { timeout: { unit: 'ms' } },
  async pipe(chunk, run) {
    while (run.active) await run.interrupted();
    await run.emit(chunk);
  },
  activate(run) {
    const timeoutMs = run.attributes.timeout;
    if (timeoutMs <= 0) return undefined;
    const timer = setTimeout(() => run.close(), timeoutMs);
    return () => clearTimeout(timer);
  },
});
