// slow_close: when the source closes, wait `delay` ms before closing the destination.
import { defineToxic } from './toxic.ts';

export const slowClose = defineToxic({
  type: 'slow_close',
  attributes: { delay: { unit: 'ms' } },
  pipe: (chunk, run) => run.emit(chunk),
  async end(run) {
    await run.sleep(run.attributes.delay);
  },
});
