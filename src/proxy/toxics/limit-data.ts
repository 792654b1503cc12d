// limit_data: after `bytes` bytes have gone through, close the connection.
// The count is per connection and survives updates of the toxic.
import { defineToxic } from './toxic.ts';

interface Sent {
  bytes: number;
}

export const limitData = defineToxic({
  type: 'limit_data',
  attributes: { bytes: { unit: 'bytes' } },
  newState: (): Sent => ({ bytes: 0 }),
  async pipe(chunk, run) {
    const remaining = Math.max(0, run.attributes.bytes - run.state.bytes);
    const data = chunk.data.length > remaining ? chunk.data.subarray(0, remaining) : chunk.data;
    if (data.length > 0) {
      run.state.bytes += data.length;
      await run.emit({ data, t: chunk.t });
    }
    if (run.attributes.bytes - run.state.bytes <= 0) run.close();
  },
});
