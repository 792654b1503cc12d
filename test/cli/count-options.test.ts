import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/cli/config-error.ts';
import { concurrencyCount, repeatCount } from '../../src/cli/count-options.ts';

describe('--repeat', () => {
  it('absent: one run; a whole number from 1 to 100: that many', () => {
    expect(repeatCount(undefined)).toBe(1);
    expect(repeatCount('3')).toBe(3);
    expect(repeatCount('100')).toBe(100);
  });

  it.each(['0', '-2', '2.5', 'three', '', '101'])('%j is a configuration error naming the option', (text) => {
    expect(() => repeatCount(text)).toThrow(ConfigError);
    expect(() => repeatCount(text)).toThrow(`--repeat ${text}: expected how many times to run each scenario, a whole number from 1 to 100`);
  });
});

describe('--concurrency', () => {
  it('absent: one environment at a time; a whole number from 1 to 8: that many', () => {
    expect(concurrencyCount(undefined)).toBe(1);
    expect(concurrencyCount('3')).toBe(3);
    expect(concurrencyCount(' 8 ')).toBe(8);
  });

  it.each(['0', '-1', '1.5', 'all', '', '9'])('%j is a configuration error naming the option', (text) => {
    expect(() => concurrencyCount(text)).toThrow(
      `--concurrency ${text}: expected how many scenarios to run at once, each on its own environment, a whole number from 1 to 8`,
    );
  });
});
