import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  DispatcherLease,
  HEARTBEAT_MS,
  type LeaseStore,
  SEND_MARGIN_MS,
  STALE_AFTER_MS,
} from '../../fixtures/ats/order-gateway/dispatcher-lease.ts';
import { REQUEST_TIMEOUT_MS } from '../../fixtures/ats/order-gateway/exchange-client.ts';
import { fakeClock } from '../support/fake-clock.ts';

// The gateway's dispatcher lease (pure: an in-memory store, a fake clock; the
// real table and two real gateways: test/ats/two-gateways.integration.test.ts).
// A peer takes over a registration's claims once its heartbeat is
// STALE_AFTER_MS old; the lease must have stopped holding SEND_MARGIN_MS before.
const holdsForMs = STALE_AFTER_MS - SEND_MARGIN_MS;

function standIns() {
  const clock = fakeClock();
  const rows = new Set<string>();
  const calls: string[] = [];
  let failing = false;
  let renewTakesMs = 0;
  const store: LeaseStore = {
    register: async (id) => {
      if (failing) throw new Error('connect ECONNREFUSED');
      rows.add(id);
      calls.push(`register ${id}`);
    },
    renew: async (id) => {
      if (failing) throw new Error('connect ECONNREFUSED');
      clock.advance(renewTakesMs);
      return rows.has(id);
    },
    remove: async (id) => {
      rows.delete(id);
      calls.push(`remove ${id}`);
    },
  };
  let ids = 0;
  const logger = pino({ level: 'silent' });
  const lease = new DispatcherLease({ store, logger, now: clock.now, newId: () => `r-${++ids}` });
  return {
    lease,
    clock,
    rows,
    calls,
    failWith: (value: boolean) => {
      failing = value;
    },
    renewTakes: (ms: number) => {
      renewTakesMs = ms;
    },
  };
}

describe('order-gateway dispatcher lease', () => {
  it('stops holding before any peer may take its claims over, by a margin longer than a request to the exchange', () => {
    expect(SEND_MARGIN_MS).toBeGreaterThan(REQUEST_TIMEOUT_MS);
    // Several heartbeats may be missed before the lease lapses: a busy process is not a dead one.
    expect(holdsForMs).toBeGreaterThanOrEqual(3 * HEARTBEAT_MS);
  });

  it('holds nothing before it has registered; after, holds for its own registration only', async () => {
    const { lease, calls } = standIns();
    expect(lease.current()).toBeUndefined();
    await lease.heartbeat();
    expect(calls).toEqual(['register r-1']);
    expect(lease.current()).toBe('r-1');
    expect(lease.holds('r-1')).toBe(true);
    expect(lease.holds('r-2')).toBe(false);
  });

  it('holds until STALE_AFTER_MS − SEND_MARGIN_MS after the last renewal was issued, however long it took to answer', async () => {
    const { lease, clock, renewTakes } = standIns();
    await lease.heartbeat();
    clock.advance(HEARTBEAT_MS);
    renewTakes(1_500); // its row was updated at some moment in these 1.5 s: a peer counts from then at the earliest
    await lease.heartbeat();
    clock.advance(holdsForMs - 1_500 - 1);
    expect(lease.holds('r-1')).toBe(true);
    clock.advance(1);
    expect(lease.holds('r-1')).toBe(false);
    expect(lease.current()).toBeUndefined();
  });

  it('lapses while renewals fail (Postgres unreachable) and holds again after one succeeds, under the same registration', async () => {
    const { lease, clock, failWith } = standIns();
    await lease.heartbeat();
    failWith(true);
    for (let beat = 0; beat < 6; beat++) {
      clock.advance(HEARTBEAT_MS);
      await lease.heartbeat();
    }
    expect(lease.holds('r-1')).toBe(false);
    failWith(false);
    await lease.heartbeat();
    expect(lease.current()).toBe('r-1');
  });

  it('declared dead by a peer (its row gone): never holds for that registration again, and registers anew', async () => {
    const { lease, clock, rows, calls } = standIns();
    await lease.heartbeat();
    clock.advance(STALE_AFTER_MS + 5_000); // frozen
    rows.delete('r-1'); // a peer took its claims over
    expect(lease.holds('r-1')).toBe(false);
    await lease.heartbeat();
    expect(calls).toEqual(['register r-1', 'register r-2']);
    expect(lease.holds('r-1')).toBe(false);
    expect(lease.current()).toBe('r-2');
  });

  it('stop removes the registration (peers take over what is left at once) and holds nothing after', async () => {
    const { lease, calls } = standIns();
    lease.start();
    await expect.poll(() => lease.current()).toBe('r-1');
    await lease.stop();
    expect(calls).toEqual(['register r-1', 'remove r-1']);
    expect(lease.current()).toBeUndefined();
    expect(lease.holds('r-1')).toBe(false);
  });
});
