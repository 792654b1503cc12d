// bandwidth: at most `rate` KB/s (1 KB = 1000 bytes, as Toxiproxy); 0 = no limit.
// A large chunk goes out in slices of 100 ms worth of data, so the receiver
// sees a steady flow; the source is held back meanwhile (backpressure).
import { defineToxic } from './toxic.ts';

interface Pace {
  /** When the link may send again (performance.now(), ms). */
  nextAtMs: number;
}

export const bandwidth = defineToxic({
  type: 'bandwidth',
  attributes: { rate: { unit: 'KB/s' } },
  newState: (): Pace => ({ nextAtMs: 0 }),
  async pipe(chunk, run) {
    let data = chunk.data;
    while (data.length > 0) {
      const rate = run.attributes.rate; // bytes per ms
      if (rate <= 0 || !run.active) return run.emit({ data, t: chunk.t });
      const slice = data.subarray(0, rate * 100);
      data = data.subarray(slice.length);
      const now = performance.now();
      const dueMs = Math.max(run.state.nextAtMs, now) + slice.length / rate;
      run.state.nextAtMs = dueMs;
      if (!(await run.sleep(dueMs - now))) run.state.nextAtMs = 0;
      await run.emit({ data: slice, t: chunk.t });
    }
  },
});
