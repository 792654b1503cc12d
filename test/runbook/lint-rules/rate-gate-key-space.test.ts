import { describe, expect, it } from 'vitest';
import { globsOverlap } from '../../../src/runbook/lint/glob-overlap.ts';
import { flaggedLines } from './findings.ts';

const rule = 'guarded-rate-gate-reset';
const resetBy = (glob: string) => `redis-cli -p 6379 --scan --pattern ${glob} | xargs -r redis-cli -p 6379 del`;

describe('guarded-rate-gate-reset judges a glob by the shape of the key space, rategate:<exchange>:…, whatever the exchanges are called', () => {
  it('flags a glob naming another system’s exchange, or none', () => {
    for (const glob of [
      "'rategate:*'",
      "'rategate:binance:*'",
      "'*:binance:*'",
      "'*:kraken:strikes'",
      "'r*:coinbase:blocked_until'",
      "'*:bin?nce:bucket'",
      "'*:[bk]*:*'",
      '"*:$EXCHANGE:*"',
      '"*:$EXCHANGE:strikes"',
    ])
      expect(flaggedLines(rule, resetBy(glob)), glob).toEqual([4]);
    expect(flaggedLines(rule, `redis-cli -p 6379 del $(redis-cli -p 6379 KEYS '*:binance:strikes')`)).toEqual([4]);
    expect(flaggedLines(rule, `redis-cli -p 6379 --scan --pattern '*:okx:*' | xargs redis-cli -p 6379 unlink`)).toEqual([4]);
  });

  it('passes a glob that no gate key can match, whatever the exchange', () => {
    for (const glob of [
      "'session:*'",
      "'orders:binance:*'",
      "'*:binance'",
      "'*:binance:orders'",
      "'[^r]*:binance:*'",
      '"$pattern"',
      '"$PREFIX*"',
      '"$PREFIX:*"',
      '"session:$USER:*"',
    ])
      expect(flaggedLines(rule, resetBy(glob)), glob).toEqual([]);
  });
});

describe('globsOverlap', () => {
  it('finds a key both globs match', () => {
    for (const [a, b] of [
      ['rategate:binance:*', 'rategate:?*:strikes'],
      ['*', 'rategate:?*:bucket'],
      ['r[a-c]te*', 'rategate:?*:bucket'],
      ['*:[^m]*:*', 'rategate:?*:bucket'],
      ['rate\\gate:x:bucket', 'rategate:?*:bucket'],
    ])
      expect(globsOverlap(a!, b!), `${a} ${b}`).toBe(true);
  });

  it('and none where there is none', () => {
    for (const [a, b] of [
      ['session:*', 'rategate:?*:bucket'],
      ['rategate::bucket', 'rategate:?*:bucket'],
      ['r[^a]*', 'rategate:?*:bucket'],
      ['rategate:?*:bucket', 'rategate:?*:strikes'],
    ])
      expect(globsOverlap(a!, b!), `${a} ${b}`).toBe(false);
  });
});
