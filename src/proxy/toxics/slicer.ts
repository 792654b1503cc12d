// slicer: cuts each chunk into pieces of about `average_size` ± `size_variation`
// bytes, waiting `delay` µs after each, to mimic small TCP segments.
import { defineToxic } from './toxic.ts';

export const slicer = defineToxic({
  type: 'slicer',
  attributes: { average_size: { unit: 'bytes' }, size_variation: { unit: 'bytes' }, delay: { unit: 'µs' } },
  async pipe(chunk, run) {
    const { average_size: average, size_variation: variation, delay: delayUs } = run.attributes;
    const cuts = average > 0 ? cutPoints(0, chunk.data.length, average, variation, () => run.random()) : [0];
    for (let i = 0; i < cuts.length; i++) {
      const end = cuts[i + 1] ?? chunk.data.length;
      const last = !run.active || end === chunk.data.length;
      await run.emit({ data: chunk.data.subarray(cuts[i], last ? undefined : end), t: chunk.t });
      if (last) return;
      if (delayUs > 0) await run.sleep(delayUs / 1000);
    }
  },
});

/** Start offsets of the pieces of [start, end), split in about halves as Toxiproxy's chunk() does. */
function cutPoints(start: number, end: number, average: number, variation: number, random: () => number): number[] {
  if (end - start - average <= variation) return [start];
  let mid = start + Math.floor((end - start) / 2);
  if (variation > 0) mid += Math.floor(random() * 2 * variation) - variation;
  return [...cutPoints(start, mid, average, variation, random), ...cutPoints(mid, end, average, variation, random)];
}
