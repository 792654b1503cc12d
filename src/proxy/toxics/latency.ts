// latency: every chunk arrives `latency` ± `jitter` ms after it was read.
// Chunks keep their order; a chunk that already waited in the queue waits
// only the rest. Interrupted (updated or removed), the waiting chunk goes on at once.
import { defineToxic } from './toxic.ts';

export const latency = defineToxic({
  type: 'latency',
  attributes: { latency: { unit: 'ms' }, jitter: { unit: 'ms' } },
  async pipe(chunk, run) {
    const { latency: latencyMs, jitter: jitterMs } = run.attributes;
    // As Toxiproxy: a delay in [latency - jitter, latency + jitter).
    const delayMs = latencyMs + (jitterMs > 0 ? Math.floor(run.random() * 2 * jitterMs) - jitterMs : 0);
    const waitMs = delayMs - (performance.now() - chunk.t);
    if (waitMs > 0 && (await run.sleep(waitMs))) chunk.t += waitMs;
    await run.emit(chunk);
  },
});
