// Waiting for what a step set in motion in PostgreSQL to settle: each look gives
// the next of a scripted sequence of sessions (the real look needs a server; it
// is tested in the integration project), the settling logic is what is tested.
import { describe, expect, it } from 'vitest';
import { type Bystanders, bystandersSettled } from '../../src/checks/collateral-damage.ts';
import type { PostgresSession, PostgresSessions } from '../../src/probes/postgres-sessions.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { referenceTopology } from '../../src/topology/topology.ts';
import { fakeClock } from '../support/fake-clock.ts';

const env = { topology: await referenceTopology() } as unknown as Environment;
const session = (pid: number): PostgresSession => ({ pid, user: 'ats', application: 'app', state: 'idle', started: `10:00:${pid}` });
const [a, b, c] = [session(1), session(2), session(3)];
const readable: Bystanders = { pids: new Map(), postgres: { sessions: [a, b], killed: 5 } };
const unreadable: Bystanders = { pids: new Map(), postgres: { error: 'connect ECONNREFUSED' } };

/** Settles from `before` with each look at the sessions taken from `script` in turn (the last one repeated), as noteBystanders gives them. */
async function settle(before: Bystanders, ...script: (PostgresSessions | Error)[]) {
  const looks = [...script];
  const look = async (): Promise<Bystanders> => {
    const next = looks.length > 1 ? looks.shift()! : looks[0]!;
    return {
      pids: new Map(env.topology.componentNames.map((name) => [name, 42])),
      postgres: next instanceof Error ? { error: next.message } : next,
    };
  };
  const clock = fakeClock(0);
  const settled = await bystandersSettled(env, before, { clock, signal: new AbortController().signal, look });
  return { settled: settled.postgres, afterMs: clock.now() };
}

describe('bystandersSettled, with PostgreSQL sessions', () => {
  it('waits for a terminated backend to leave, sessions opened since not mattering', async () => {
    const seen = await settle(readable, { sessions: [a, b], killed: 6 }, { sessions: [a], killed: 6 }, { sessions: [a, c], killed: 6 });
    expect(seen).toEqual({ settled: { sessions: [a, c], killed: 6 }, afterMs: 200 });
  });

  it('waits for the kill count to stop rising', async () => {
    const seen = await settle(readable, { sessions: [a], killed: 5 }, { sessions: [a], killed: 6 }, { sessions: [a], killed: 6 });
    expect(seen).toEqual({ settled: { sessions: [a], killed: 6 }, afterMs: 200 });
  });

  it('does not take a look that could not read the sessions as agreeing with one that could', async () => {
    const refused = new Error('connect ECONNREFUSED');
    const fromReadable = await settle(readable, { sessions: [a, b], killed: 5 }, refused, refused);
    expect(fromReadable).toEqual({ settled: { error: 'connect ECONNREFUSED' }, afterMs: 200 });
    const fromUnreadable = await settle(unreadable, { sessions: [a], killed: 5 }, refused, refused);
    expect(fromUnreadable).toEqual({ settled: { error: 'connect ECONNREFUSED' }, afterMs: 200 });
  });
});
