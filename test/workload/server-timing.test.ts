import { describe, expect, it } from 'vitest';
import { serverTimingMs } from '../../src/workload/server-timing.ts';

describe('serverTimingMs', () => {
  it.each([
    ['app;dur=1.8', 'app', 1.8],
    ['db;dur=53, app;dur=47.2;desc="total"', 'app', 47.2],
    ['db;dur=53,app;desc="total";DUR=12', 'app', 12],
    ['db;dur=53, app;dur=47.2', 'db', 53],
    ['app;dur="3.5"', 'app', 3.5],
  ])('reads %s: %s took %s ms', (header, name, ms) => {
    expect(serverTimingMs(header, name)).toBe(ms);
  });

  it.each([[null], [''], ['db;dur=53'], ['app'], ['app;desc="no duration"'], ['app;dur=soon'], ['app;dur=-4'], ['apple;dur=4']])(
    'gives nothing for %j',
    (header) => {
      expect(serverTimingMs(header)).toBeUndefined();
    },
  );
});
