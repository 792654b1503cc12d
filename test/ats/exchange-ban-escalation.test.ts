import { describe, expect, it } from 'vitest';
import { ClientLimits } from '../../fixtures/ats/exchange/client-limits.ts';

// The mock exchange's ban cannot be pushed through: the first 418 tells the
// client, every trading request after it restarts the ban with its length
// doubled (up to the cap); a status request is answered and counted, never extends it.
describe('mock exchange bans', () => {
  const setup = () => {
    let now = 1_000_000;
    const limits = new ClientLimits({ ratePerSec: 5, banAfterStrikes: 3, banMs: 4_000, maxBanMs: 20_000 }, () => now);
    return { limits, advance: (ms: number) => (now += ms) };
  };

  it('tells a client of a ban with its first 418, and extends the ban on each order sent after that', () => {
    const { limits, advance } = setup();
    limits.ban('gw', 1_000_000 + 8_000, 8_000);
    expect(limits.admit('gw')).toEqual({ kind: 'ban', retryAfterSec: 8, ignoredRetryAfter: false, duringBan: false, extended: false });
    advance(1_000);
    expect(limits.admit('gw')).toMatchObject({ kind: 'ban', retryAfterSec: 16, duringBan: true, extended: true });
    advance(1_000);
    expect(limits.admit('gw')).toMatchObject({ retryAfterSec: 20, duringBan: true, extended: true }); // 32 s, capped at 20 s
    expect(limits.snapshot().gw).toMatchObject({ banned: true, bannedForMs: 20_000, banExtensions: 2 });
  });

  it('answers a status request during a ban with what is left of it, without extending it', () => {
    const { limits, advance } = setup();
    limits.ban('gw', 1_000_000 + 8_000, 8_000);
    limits.admit('gw', 'status');
    advance(3_000);
    expect(limits.admit('gw', 'status')).toMatchObject({ kind: 'ban', retryAfterSec: 5, duringBan: true, extended: false });
    advance(5_000);
    expect(limits.admit('gw', 'status')).toEqual({ kind: 'admit' });
  });

  it('bans after three requests inside Retry-After: that 418 is the notice, the next order extends the ban', () => {
    const { limits, advance } = setup();
    for (let i = 0; i < 5; i++) expect(limits.admit('gw').kind).toBe('admit');
    expect(limits.admit('gw')).toMatchObject({ kind: 'throttle', ignoredRetryAfter: false });
    expect(limits.admit('gw')).toMatchObject({ kind: 'throttle', ignoredRetryAfter: true });
    expect(limits.admit('gw')).toMatchObject({ kind: 'throttle', ignoredRetryAfter: true });
    expect(limits.admit('gw')).toMatchObject({ kind: 'ban', retryAfterSec: 4, ignoredRetryAfter: true, duringBan: false });
    advance(2_000);
    expect(limits.admit('gw')).toMatchObject({ kind: 'ban', retryAfterSec: 8, duringBan: true, extended: true });
    advance(8_000);
    expect(limits.admit('gw')).toEqual({ kind: 'admit' });
    expect(limits.snapshot().gw).toMatchObject({ banned: false, strikes: 0, banExtensions: 0 });
  });

  it('leaves a client that waits out its ban alone', () => {
    const { limits, advance } = setup();
    limits.ban('gw', 1_000_000 + 8_000, 8_000);
    limits.admit('gw');
    advance(8_000);
    expect(limits.admit('gw')).toEqual({ kind: 'admit' });
  });
});
