import { describe, expect, it } from 'vitest';
import type { Fault, InjectedFault } from '../../src/faults/fault.ts';
import type { FaultProxyClient } from '../../src/proxy-client/fault-proxy-client.ts';
import { injectFaults, resetFaultProxy, revertFaults } from '../../src/runner/phases/inject.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { phaseRun } from '../support/phase-run.ts';

/** A fault whose injection takes `injectMs` on the clock and whose steps land in `log`. */
function fault(
  name: string,
  log: string[],
  clock: ReturnType<typeof fakeClock>,
  options: { injectMs?: number; fails?: 'inject' | 'revert'; tookEffectAfterMs?: number } = {},
): Fault {
  return {
    kind: `test.${name}`,
    description: `break ${name}`,
    async inject() {
      clock.advance(options.injectMs ?? 0);
      if (options.fails === 'inject') throw new Error(`${name} would not break`);
      log.push(`inject ${name}`);
      return {
        description: `${name} broken`,
        ...(options.tookEffectAfterMs === undefined ? {} : { tookEffectAfterMs: options.tookEffectAfterMs }),
        async revert() {
          log.push(`revert ${name}`);
          if (options.fails === 'revert') throw new Error(`${name} stays broken`);
        },
      };
    },
  };
}

describe('injectFaults (phase 2)', () => {
  it('injects in order, records each, and returns when the first injection began', async () => {
    const clock = fakeClock(5000);
    const log: string[] = [];
    const run = phaseRun(
      { faults: [fault('redis', log, clock, { injectMs: 300 }), fault('postgres', log, clock, { injectMs: 200 })] },
      { clock },
    );
    const injected: InjectedFault[] = [];
    expect(await injectFaults(run, injected)).toBe(5000);
    expect(log).toEqual(['inject redis', 'inject postgres']);
    expect(injected.map((f) => f.description)).toEqual(['redis broken', 'postgres broken']);
    expect(run.timeline.events.map((e) => [e.t, e.kind, e.detail])).toEqual([
      [300, 'fault.injected', { kind: 'test.redis', description: 'redis broken' }],
      [500, 'fault.injected', { kind: 'test.postgres', description: 'postgres broken' }],
    ]);
  });

  it('times the fault from when it took effect, when its injection says so (a release: at the switch, not the deploy)', async () => {
    const clock = fakeClock(5000);
    const run = phaseRun({ faults: [fault('release', [], clock, { injectMs: 7000, tookEffectAfterMs: 6500 })] }, { clock });
    expect(await injectFaults(run, [])).toBe(11_500);
  });

  it('keeps what was injected before a fault that failed to inject, so it can be reverted', async () => {
    const clock = fakeClock(0);
    const log: string[] = [];
    const run = phaseRun({ faults: [fault('redis', log, clock), fault('postgres', log, clock, { fails: 'inject' })] }, { clock });
    const injected: InjectedFault[] = [];
    await expect(injectFaults(run, injected)).rejects.toThrow('postgres would not break');
    expect(injected.map((f) => f.description)).toEqual(['redis broken']);
  });
});

describe('revertFaults (phase 6)', () => {
  it('reverts in reverse order, every one even after a failure, and returns the failures', async () => {
    const clock = fakeClock(0);
    const log: string[] = [];
    const run = phaseRun({}, { clock });
    const injected = [
      await fault('redis', log, clock).inject({} as Environment, new AbortController().signal),
      await fault('postgres', log, clock, { fails: 'revert' }).inject({} as Environment, new AbortController().signal),
      await fault('exchange', log, clock).inject({} as Environment, new AbortController().signal),
    ];
    log.length = 0;
    expect(await revertFaults(run, injected)).toEqual(['revert of "postgres broken" failed: postgres stays broken']);
    expect(log).toEqual(['revert exchange', 'revert postgres', 'revert redis']);
    expect(run.timeline.events.map((e) => [e.kind, e.detail])).toEqual([
      ['fault.reverted', { description: 'exchange broken' }],
      ['fault.revert-failed', { description: 'postgres broken', error: 'postgres stays broken' }],
      ['fault.reverted', { description: 'redis broken' }],
    ]);
  });

  it('returns no failure when nothing was injected', async () => {
    expect(await revertFaults(phaseRun({}), [])).toEqual([]);
  });
});

describe('resetFaultProxy (phase 6)', () => {
  const withProxy = (reset: () => Promise<void>) => phaseRun({}, { env: { faultProxy: () => ({ reset }) as unknown as FaultProxyClient } });

  it('resets the fault proxy and records it', async () => {
    let resets = 0;
    const run = withProxy(async () => {
      resets++;
    });
    expect(await resetFaultProxy(run)).toEqual([]);
    expect(resets).toBe(1);
    expect(run.timeline.events.map((e) => [e.kind, e.detail])).toEqual([['fault-proxy.reset', {}]]);
  });

  it('returns a failed reset as a failure instead of throwing', async () => {
    const run = withProxy(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:8474');
    });
    expect(await resetFaultProxy(run)).toEqual(['fault proxy reset failed: connect ECONNREFUSED 127.0.0.1:8474']);
    expect(run.timeline.events.map((e) => [e.kind, e.detail])).toEqual([
      ['fault-proxy.reset-failed', { error: 'connect ECONNREFUSED 127.0.0.1:8474' }],
    ]);
  });
});
