// Waiting for what a step set in motion in PostgreSQL to settle: the sessions
// probe answers a scripted sequence of looks (the real one needs a server; it
// is tested in the integration project), the settling logic is what is tested.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Bystanders, bystandersSettled } from '../../src/checks/collateral-damage.ts';
import type { PostgresSession, PostgresSessions } from '../../src/probes/postgres-sessions.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { referenceTopology } from '../../src/topology/topology.ts';
import { fakeClock } from '../support/fake-clock.ts';

const looks = vi.hoisted(() => [] as (PostgresSessions | Error)[]);
vi.mock('../../src/probes/postgres-sessions.ts', () => ({
  postgresSessions: async () => {
    const look = looks.length > 1 ? looks.shift()! : looks[0]!;
    if (look instanceof Error) throw look;
    return look;
  },
}));

const env = { topology: await referenceTopology(), service: () => ({ pid: async () => 42 }) } as unknown as Environment;
const session = (pid: number): PostgresSession => ({ pid, user: 'ats', application: 'app', state: 'idle', started: `10:00:${pid}` });
const [a, b, c] = [session(1), session(2), session(3)];
const readable: Bystanders = { pids: new Map(), postgres: { sessions: [a, b], killed: 5 } };
const unreadable: Bystanders = { pids: new Map(), postgres: { error: 'connect ECONNREFUSED' } };

async function settle(before: Bystanders, ...script: (PostgresSessions | Error)[]) {
  looks.splice(0, looks.length, ...script);
  const clock = fakeClock(0);
  const settled = await bystandersSettled(env, before, { clock, signal: new AbortController().signal });
  return { settled: settled.postgres, afterMs: clock.now() };
}

beforeEach(() => {
  looks.length = 0;
});

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
