import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { watchDuringFault } from '../../src/runner/phases/watch.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import type { Probe } from '../../src/probes/probe.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { phaseRun, probeOn } from '../support/phase-run.ts';
import { startStubPrometheus } from '../support/stub-prometheus.ts';

/** A fake clock whose sleep yields to the event loop first (the watch loop runs beside the test), and rejects once aborted. */
function steppingClock() {
  const clock = fakeClock(0);
  return {
    ...clock,
    async sleep(ms: number, signal?: AbortSignal) {
      await nextTurn();
      signal?.throwIfAborted();
      clock.advance(ms);
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await nextTurn();
}

const scenario = (duringFault: Probe[], quiet: string[] = []) => ({ duringFault, alerts: { fire: [], quiet } });

describe('watchDuringFault (phases 3-5)', () => {
  it('fails each probe that broke, once, at its first break, saying when and what it saw', async () => {
    const clock = steppingClock();
    const run = phaseRun(
      scenario([
        probeOn('gateway ready', clock, () => true),
        probeOn('orders flow', clock, (t) => t < 1000),
        probeOn('latency under 500 ms', clock, (t) => t < 500 || t >= 750),
      ]),
      { clock },
    );
    const watch = watchDuringFault(run);
    await until(() => clock.now() >= 2000);
    expect(await watch.stop()).toEqual([
      'between the fault and the recovery, "latency under 500 ms" did not hold at +0.5s: latency under 500 ms at 500',
      'between the fault and the recovery, "orders flow" did not hold at +1.0s: orders flow at 1000',
    ]);
    expect(run.timeline.events.map((e) => [e.kind, e.detail])).toEqual([
      ['fault-watch.broken', { probe: 'latency under 500 ms', observed: 'latency under 500 ms at 500' }],
      ['fault-watch.broken', { probe: 'orders flow', observed: 'orders flow at 1000' }],
    ]);
  });

  it('looks every intervalMs, and no more once stopped', async () => {
    const clock = steppingClock();
    const looks: number[] = [];
    const counting: Probe = {
      name: 'counting',
      observe: async () => {
        looks.push(clock.now());
        return { ok: true, detail: '' };
      },
    };
    const watch = watchDuringFault(phaseRun(scenario([counting]), { clock }), 100);
    await until(() => clock.now() >= 300);
    expect(await watch.stop()).toEqual([]);
    const seen = looks.length;
    expect(looks.slice(0, 4)).toEqual([0, 100, 200, 300]);
    await nextTurn();
    await nextTurn();
    expect(looks).toHaveLength(seen);
  });

  it('with nothing to watch, neither looks nor sleeps', async () => {
    const clock = steppingClock();
    const watch = watchDuringFault(phaseRun(scenario([]), { clock }));
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(await watch.stop()).toEqual([]);
    expect(clock.now()).toBe(0);
  });

  it('breaks nothing on a blind look (the harness itself held up), says so once per blind spell, and judges the next look', async () => {
    const clock = steppingClock();
    // 0-400: blind; 500: holds; 600-700: blind again; 800 on: broken, and seen so.
    const silence: Probe = {
      name: 'orders acked',
      observe: async () => {
        const t = clock.now();
        if (t === 500) return { ok: true, detail: `acked at ${t}` };
        if (t < 800) return { ok: false, blind: true, detail: `0 acked at ${t}; but the harness itself was held up` };
        return { ok: false, detail: `0 acked at ${t}` };
      },
    };
    const run = phaseRun(scenario([silence]), { clock });
    const watch = watchDuringFault(run, 100);
    await until(() => clock.now() >= 1000);
    expect(await watch.stop()).toEqual(['between the fault and the recovery, "orders acked" did not hold at +0.8s: 0 acked at 800']);
    expect(run.timeline.events.map((e) => [e.kind, e.detail.observed])).toEqual([
      ['fault-watch.blind', '0 acked at 0; but the harness itself was held up'],
      ['fault-watch.blind', '0 acked at 600; but the harness itself was held up'],
      ['fault-watch.broken', '0 acked at 800'],
    ]);
  });

  it('fails a probe that no look could judge, every one blind, saying so with the last look', async () => {
    const clock = steppingClock();
    const heldUp: Probe = {
      name: 'orders acked',
      observe: async () => ({ ok: false, blind: true, detail: `0 acked at ${clock.now()}; but the harness itself was held up` }),
    };
    const holding = probeOn('gateway ready', clock, () => true);
    const run = phaseRun(scenario([heldUp, holding]), { clock });
    const watch = watchDuringFault(run, 100);
    await until(() => clock.now() >= 300);
    const failures = await watch.stop();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^between the fault and the recovery, "orders acked" could not be judged: every look was blind \(the harness itself held up\); the last: 0 acked at \d+; but the harness itself was held up$/,
    );
    expect(run.timeline.events.map((e) => e.kind)).toEqual(['fault-watch.blind']);
  });

  it('fails a quiet alert that Prometheus reports firing', async () => {
    await using prometheus = await startStubPrometheus(['RedisDown', 'ExchangeBlocking']);
    prometheus.alerts = [{ name: 'RedisDown', state: 'firing', activeAt: '2026-01-01T00:00:00.000Z' }];
    const clock = steppingClock();
    const env = { id: 'e', runtime: 'local', variables: () => ({ PROMETHEUS_URL: prometheus.url }) } as unknown as Environment;
    const run = phaseRun(scenario([], ['RedisDown', 'ExchangeBlocking']), { clock, env });
    const watch = watchDuringFault(run);
    await until(() => run.timeline.events.length > 0);
    expect(await watch.stop()).toEqual([
      'between the fault and the recovery, "Prometheus alert RedisDown stays quiet" did not hold at +0.0s: RedisDown firing since 2026-01-01T00:00:00.000Z',
    ]);
  });
});
