import { describe, expect, it } from 'vitest';
import { formatBytes, formatThroughput, parseDataSize } from '../../src/dr/data-size.ts';
import { formatDuration } from '../../src/dr/format-duration.ts';

describe('parseDataSize', () => {
  it.each([
    ['1GB', 1e9],
    ['500MB', 500e6],
    ['2.5GiB', 2.5 * 2 ** 30],
    ['20 mb', 20e6],
    ['1TB', 1e12],
    ['64KiB', 65_536],
    ['.5GB', 0.5e9],
    ['1048576', 1_048_576],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseDataSize(text)).toBe(bytes);
  });

  it.each(['1XB', 'GB', '', '0MB', '-1GB', '1.2.3GB', '1 G B'])('refuses %j, naming it and the accepted units', (text) => {
    expect(() => parseDataSize(text)).toThrow(`Data size "${text}" is not a positive size: write a number and a unit, such as 500MB`);
  });
});

describe('formatBytes, formatThroughput, formatDuration', () => {
  it('print decimal sizes with three significant digits', () => {
    expect([0, 999, 8.1e6, 715e6, 1.024e9, 10e9, 1e12].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '8.1 MB',
      '715 MB',
      '1.02 GB',
      '10 GB',
      '1 TB',
    ]);
    expect(formatThroughput(46.23e6)).toBe('46.2 MB/s');
  });

  it('print durations from milliseconds to hours, seconds up to ten minutes', () => {
    expect([350, 7_200, 535_000, 599_999, 600_000, 42 * 60_000, 7_200_000, 22_680_000].map(formatDuration)).toEqual([
      '350 ms',
      '7.2 s',
      '535 s',
      '600 s',
      '10 min',
      '42 min',
      '2.0 h',
      '6.3 h',
    ]);
  });
});
