// Noting the bystanders of a step and waiting for what it set in motion to
// settle, on a stand-in environment whose services report scripted pids and
// which has no database (its sessions cannot be read).
import { describe, expect, it } from 'vitest';
import { bystandersSettled, noteBystanders } from '../../src/checks/collateral-damage.ts';
import type { Environment, ServiceName } from '../../src/runtime/runtime.ts';
import { referenceTopology } from '../../src/topology/topology.ts';
import { fakeClock } from '../support/fake-clock.ts';

const topology = await referenceTopology();
const serviceNames = topology.componentNames;

/** Each look at a service answers the next pid of its script (the last one once the script runs out). */
function environment(scripts: Partial<Record<ServiceName, (number | undefined)[]>> = {}) {
  const looks = { count: 0 };
  const env = {
    id: 'e',
    runtime: 'local',
    topology,
    variables: () => ({}),
    service: (name: ServiceName) => ({
      pid: async () => {
        if (name === 'postgres') looks.count++;
        const script = scripts[name] ?? [100 + serviceNames.indexOf(name)];
        return script.length > 1 ? script.shift() : script[0];
      },
    }),
  } as unknown as Environment;
  return { env, looks };
}

describe('noteBystanders', () => {
  it("notes every service's main pid, and why PostgreSQL's sessions could not be read", async () => {
    const { env } = environment({ redis: [undefined] });
    const noted = await noteBystanders(env);
    expect([...noted.pids.keys()]).toEqual(serviceNames);
    expect(noted.pids.get('redis')).toBeUndefined();
    expect(noted.pids.get('risk')).toBe(100 + serviceNames.indexOf('risk'));
    expect(noted.postgres).toEqual({ error: expect.stringContaining('PGHOST') });
  });
});

describe('bystandersSettled', () => {
  it('looks until two looks in a row agree, every 100 ms by default', async () => {
    const { env, looks } = environment({ redis: [7, 8, 9, 9] });
    const clock = fakeClock(0);
    const before = await noteBystanders(environment().env);
    const settled = await bystandersSettled(env, before, { clock, signal: new AbortController().signal });
    expect(settled.pids.get('redis')).toBe(9);
    expect(looks.count).toBe(4);
    expect(clock.now()).toBe(300);
  });

  it('gives up after settleMs (2 s by default), with the last look', async () => {
    const { env } = environment({ redis: Array.from({ length: 100 }, (_, i) => i) });
    const clock = fakeClock(0);
    const before = await noteBystanders(environment().env);
    const settled = await bystandersSettled(env, before, { clock, signal: new AbortController().signal });
    expect(clock.now()).toBe(2000);
    expect(settled.pids.get('redis')).toBe(20);
    const quick = fakeClock(0);
    await bystandersSettled(environment({ redis: Array.from({ length: 100 }, (_, i) => i) }).env, before, {
      clock: quick,
      signal: new AbortController().signal,
      settleMs: 500,
      intervalMs: 50,
    });
    expect(quick.now()).toBe(500);
  });
});
