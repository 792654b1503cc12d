import { describe, expect, it } from 'vitest';
import { PriceShock } from '../../fixtures/ats/market-data/price-shock.ts';
import { DEFAULT_OPENING_BOOK, parseOpeningBook } from '../../fixtures/ats/risk/opening-book.ts';
import { parseSessionStart } from '../../fixtures/ats/risk/trading-day.ts';

// The market-data shock overlay and the risk service's opening book, as pure
// logic; the market-shock scenario exercises both live.
describe('PriceShock', () => {
  const legs = [
    { atMs: 0, factor: 0.96 },
    { atMs: 10_000, factor: 0.9 },
  ];

  it('publishes each leg from its time, records the first tick written at it, and restores the walk on clear', () => {
    const shock = new PriceShock();
    expect(shock.levelAt(0)).toEqual({ factor: 1, leg: 'none' });
    shock.set(legs, 1_000);
    expect(shock.levelAt(1_000)).toEqual({ factor: 0.96, leg: 0 });
    shock.written(shock.levelAt(1_200), 1_210);
    shock.written(shock.levelAt(1_400), 1_410);
    expect(shock.levelAt(10_999)).toEqual({ factor: 0.96, leg: 0 });
    expect(shock.levelAt(11_000)).toEqual({ factor: 0.9, leg: 1 });
    shock.written(shock.levelAt(11_100), 11_120);
    shock.clear(20_000);
    expect(shock.levelAt(20_001)).toEqual({ factor: 1, leg: 'restored' });
    shock.written(shock.levelAt(20_100), 20_130);
    expect(shock.state()).toEqual({
      active: false,
      setAt: new Date(1_000).toISOString(),
      legs: [
        { ...legs[0], firstTickAt: new Date(1_210).toISOString() },
        { ...legs[1], firstTickAt: new Date(11_120).toISOString() },
      ],
      clearedAt: new Date(20_000).toISOString(),
      restoredTickAt: new Date(20_130).toISOString(),
    });
  });

  it('waits for a leg that starts later, and a second clear keeps the first one’s time', () => {
    const shock = new PriceShock();
    shock.set([{ atMs: 5_000, factor: 0.5 }], 0);
    expect(shock.levelAt(4_999)).toEqual({ factor: 1, leg: 'none' });
    expect(shock.state().active).toBe(true);
    shock.clear(6_000);
    shock.clear(7_000);
    expect(shock.state().clearedAt).toBe(new Date(6_000).toISOString());
  });
});

describe('parseOpeningBook', () => {
  it('reads the default book: about 700,000 long against 1,000,000 of capital', () => {
    const book = parseOpeningBook(DEFAULT_OPENING_BOOK);
    expect(book.map((p) => p.symbol)).toEqual(['AAPL', 'MSFT', 'BTCUSD']);
    expect(book.reduce((sum, p) => sum + p.quantity * p.price, 0)).toBe(700_000);
  });

  it('takes shorts and "none", and names a malformed entry', () => {
    expect(parseOpeningBook('ETH-USD:-2.5@3000')).toEqual([{ symbol: 'ETH-USD', quantity: -2.5, price: 3000 }]);
    expect(parseOpeningBook('none')).toEqual([]);
    expect(() => parseOpeningBook('AAPL:10@190,MSFT@420')).toThrow(/"MSFT@420" is not/);
    expect(() => parseOpeningBook('AAPL:10@0')).toThrow(/"AAPL:10@0" is not/);
  });
});

describe('parseSessionStart', () => {
  it('is 00:00 UTC of the day unset, an ISO time when given, and names what it wants otherwise', () => {
    expect(parseSessionStart('', new Date('2026-12-04T23:59:59.900Z')).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(parseSessionStart(' ', new Date('2026-12-05T00:00:00.000Z')).toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(parseSessionStart('2026-12-04T08:00:00+01:00').toISOString()).toBe('2026-12-04T07:00:00.000Z');
    expect(() => parseSessionStart('yesterday')).toThrow(/ISO 8601/);
    expect(() => parseSessionStart('2026-12-04')).toThrow(/ISO 8601/);
    expect(() => parseSessionStart('2026-13-40T00:00:00Z')).toThrow(/ISO 8601/);
  });
});
