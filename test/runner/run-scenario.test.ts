import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import type { Probe } from '../../src/probes/probe.ts';
import type { RestorePhase } from '../../src/runner/phases/restore.ts';
import { runScenario } from '../../src/runner/run-scenario.ts';
import { defineScenario, type ScenarioInput } from '../../src/scenario/define-scenario.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { standInEnvironment, startStandInGateway } from '../support/stand-in-environment.ts';

// The whole phase loop on a stand-in environment (test/support/stand-in-environment.ts),
// real bash for the steps, and a clock that advances by each sleep after letting
// the event loop turn (the fault watch runs beside the phases).
let gateway: Awaited<ReturnType<typeof startStandInGateway>>;
beforeAll(async () => {
  gateway = await startStandInGateway();
});
afterAll(() => gateway[Symbol.asyncDispose]());

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

type Clock = ReturnType<typeof steppingClock>;
const on = (name: string, clock: Clock, holds: (t: number) => boolean): Probe => ({
  name,
  observe: async () => ({ ok: holds(clock.now()), detail: `${name} at ${clock.now()}` }),
});

/** Two faults break the gateway at injection; the fix step repairs it (its postcondition flips the state). */
function scenario(clock: Clock, log: string[], overrides: Partial<ScenarioInput> = {}) {
  const state = { brokenAt: Number.POSITIVE_INFINITY, fixed: false };
  const fault = (name: string) => ({
    kind: `test.${name}`,
    description: `break ${name}`,
    inject: async () => {
      log.push(`inject ${name}`);
      state.brokenAt = Math.min(state.brokenAt, clock.now());
      return {
        description: `${name} broken`,
        revert: async () => {
          log.push(`revert ${name}`);
        },
      };
    },
  });
  const repairs: Probe = {
    name: 'repaired',
    observe: async () => {
      state.fixed = true;
      return { ok: true, detail: 'repaired' };
    },
  };
  return defineScenario({
    id: 'stand-in-outage',
    title: 'A stand-in breaks',
    description: 'd',
    controls: ['RB-1'],
    workload: { ordersPerSec: 5 },
    targets: { detectMs: 5000, recoveryMs: 30_000, dataLoss: 0 },
    steadyState: [on('gateway ready', clock, (t) => state.fixed || t < state.brokenAt)],
    faults: [fault('redis'), fault('postgres')],
    detection: on('gateway not ready', clock, (t) => t >= state.brokenAt + 300),
    remediation: [{ id: 'stand-in.fix', title: 'fix', run: 'echo fixed', postcondition: { probe: repairs, withinMs: 1000 } }],
    integrity: async () => ({ lost: 0, duplicated: 0, detail: '3 orders acknowledged, none lost' }),
    hold: { steadyStateMs: 500, recoveryMs: 0 },
    ...overrides,
  });
}

async function run(
  overrides: (clock: Clock, log: string[]) => Partial<ScenarioInput> = () => ({}),
  options: { resetFails?: boolean; abort?: boolean; restore?: RestorePhase } = {},
) {
  const clock = steppingClock();
  const log: string[] = [];
  const controller = new AbortController();
  if (options.abort) controller.abort(new Error('SIGINT'));
  const events: string[] = [];
  const result = await runScenario(
    scenario(clock, log, overrides(clock, log)),
    standInEnvironment({ gatewayUrl: gateway.url, log, ...options }),
    {
      signal: controller.signal,
      workDir: '/tmp',
      workload: createWorkload,
      clock,
      onEvent: (event) => events.push(event.kind),
      ...(options.restore ? { restore: options.restore } : {}),
    },
  );
  return { result, log, events };
}

describe('runScenario', () => {
  it('runs the phases in order and passes a scenario that recovers in time, measuring each span', async () => {
    const { result, log, events } = await run();
    expect(result.reasons).toEqual([]);
    expect(result.verdict).toBe('passed');
    expect(result.measured.detectMs).toBeGreaterThanOrEqual(300);
    expect(result.measured.detectMs).toBeLessThan(600);
    expect(result.measured.recoveryMs).toBeGreaterThanOrEqual(0);
    expect(result.measured.outageMs!).toBeGreaterThanOrEqual(result.measured.detectMs! + result.measured.recoveryMs!);
    expect(result.measured).toMatchObject({ dataLoss: 0, duplicates: 0 });
    expect(result.integrity).toBe('3 orders acknowledged, none lost');
    expect(result.steps.map((s) => [s.stepId, s.stdout.trim()])).toEqual([['stand-in.fix', 'fixed']]);
    expect(result.workload).toEqual(expect.objectContaining({ sent: expect.any(Number), acknowledged: expect.any(Number) }));
    expect(log).toEqual(['inject redis', 'inject postgres', 'revert postgres', 'revert redis', 'proxy reset']);
    const order = [
      'scenario.started',
      'steady-state.held',
      'fault.injected',
      'fault.injected',
      'detection.signal',
      'remediation.started',
      'step.started',
      'recovery.held',
      'integrity.checked',
      'fault.reverted',
      'fault.reverted',
      'fault-proxy.reset',
      'scenario.finished',
    ];
    expect(events.filter((kind) => order.includes(kind))).toEqual(order);
    expect(result.timeline.at(-1)).toMatchObject({ kind: 'scenario.finished', detail: { verdict: 'passed', reasons: [] } });
  });

  it('aborts without injecting when the steady state never holds, and still resets the fault proxy', async () => {
    const { result, log } = await run((clock) => ({
      steadyState: [on('gateway ready', clock, () => false)],
      timeouts: { steadyStateMs: 1000, overrunMs: 1000 },
    }));
    expect(result.verdict).toBe('aborted');
    expect(result.reasons).toEqual([
      expect.stringMatching(/^steady state did not hold for 500 ms within 1000 ms before injection: gateway ready$/),
    ]);
    expect(log).toEqual(['proxy reset']);
    expect(result.measured.detectMs).toBeNull();
  });

  it('fails naming the step that failed, reverts the faults in reverse order, and does not wait for recovery', async () => {
    const { result, log, events } = await run(() => ({
      remediation: [{ id: 'stand-in.fix', title: 'fix', run: 'echo "no route" >&2; exit 3' }],
    }));
    expect(result.verdict).toBe('failed');
    expect(result.reasons[0]).toMatch(/^runbook step "stand-in\.fix" exited with status 3: no route/);
    expect(result.measured.recoveryMs).toBeNull();
    expect(events).not.toContain('recovery.waiting');
    expect(log).toEqual(['inject redis', 'inject postgres', 'revert postgres', 'revert redis', 'proxy reset']);
  });

  it('says which steps ran and what they left when service does not come back', async () => {
    const { result } = await run((clock) => ({
      targets: { detectMs: 5000, recoveryMs: 1000, dataLoss: 0 },
      timeouts: { steadyStateMs: 20_000, overrunMs: 1000 },
      remediation: [
        {
          id: 'stand-in.fix',
          title: 'fix',
          run: 'true',
          observe: [{ name: 'setting', observe: async () => ({ ok: false, detail: 'max_connections 100, 200 pending a restart' }) }],
        },
        { id: 'stand-in.extra', title: 'extra', run: 'true', onlyIf: on('never', clock, () => false) },
      ],
    }));
    expect(result.verdict).toBe('failed');
    const reason = result.reasons.find((r) => r.startsWith("the runbook's steps"));
    expect(reason).toMatch(
      /^the runbook's steps \(stand-in\.fix\) ran and did not restore service: gateway ready: gateway ready at \d+ \(after stand-in\.fix: max_connections 100, 200 pending a restart\)$/,
    );
    expect(result.measured.recoveryMs).toBeNull();
    expect(result.reasons).toContain('steady state not restored (target 1000 ms)');
  });

  it('fails a check that does not hold, naming it', async () => {
    const { result } = await run(() => ({
      checks: [{ name: 'no request storm', run: async () => ({ ok: false, detail: '12 requests during the ban' }) }],
    }));
    expect(result.reasons).toContain('check "no request storm" failed: 12 requests during the ban');
    expect(result.checks).toEqual(expect.arrayContaining([{ name: 'no request storm', ok: false, detail: '12 requests during the ban' }]));
  });

  it('watches the duringFault probes from injection to recovery, not through the health check after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-watch-window-'));
    const [fixed, checkedAfter] = [join(dir, 'fixed'), join(dir, 'checked-after-recovery')];
    try {
      const { result } = await run((clock) => ({
        steadyState: [on('gateway ready', clock, () => true)],
        // Breaks only once the health check after recovery has run (the fix step marked the fault repaired).
        duringFault: [{ name: 'acks fast', observe: async () => ({ ok: !existsSync(checkedAfter), detail: `at ${clock.now()}` }) }],
        remediation: [
          {
            id: 'stand-in.fix',
            title: 'fix',
            run: `touch '${fixed}'`,
            postcondition: { probe: on('repaired', clock, () => true), withinMs: 1000 },
          },
        ],
        healthCheck: {
          step: {
            id: 'stand-in.health',
            title: 'health',
            run: `if [ -f '${fixed}' ]; then touch '${checkedAfter}'; sleep 0.2; fi; echo healthy`,
          },
          passesDuringFault: 'the stand-in stays healthy',
        },
      }));
      // The health check after recovery ran (the stepping clock runs far ahead of the real steps: recovery is late here).
      expect(existsSync(checkedAfter)).toBe(true);
      expect(result.reasons.filter((reason) => reason.includes('acks fast'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a harness error as errored, and still reverts and resets', async () => {
    const { result, log, events } = await run(() => ({
      integrity: async () => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5432') });
      },
    }));
    expect(result.verdict).toBe('errored');
    // fetch's message alone says nothing: its cause is what the operator needs.
    expect(result.reasons[0]).toBe('harness error: fetch failed (connect ECONNREFUSED 127.0.0.1:5432)');
    expect(events).toContain('scenario.errored');
    expect(log.slice(-3)).toEqual(['revert postgres', 'revert redis', 'proxy reset']);
  });

  it('fails a run whose faults did not revert or whose proxy did not reset', async () => {
    const { result } = await run(() => ({}), { resetFails: true });
    expect(result.verdict).toBe('failed');
    expect(result.reasons).toContain('fault proxy reset failed: proxy gone');
  });

  it('an interrupted run is errored, whatever it measured', async () => {
    const { result } = await run(() => ({}), { abort: true });
    expect(result.verdict).toBe('errored');
    expect(result.reasons).toEqual(['interrupted: SIGINT']);
  });
  it('ends what a step left running once the scenario is over, and records it', async () => {
    const { result, events } = await run(() => ({
      remediation: [{ id: 'stand-in.fix', title: 'fix', run: 'sleep 30 > /dev/null 2>&1 &\necho started' }],
    }));
    const left = result.steps[0]?.leftRunning ?? [];
    expect(left.map((p) => p.command)).toEqual([expect.stringContaining('sleep 30')]);
    expect(events).toContain('steps.leftovers-ended');
    const ended = result.timeline.find((e) => e.kind === 'steps.leftovers-ended');
    expect(ended?.detail).toEqual({ processes: [{ stepId: 'stand-in.fix', pid: left[0]!.pid, command: left[0]!.command }] });
    // Gone, or a zombie left to its new parent to reap.
    const state = await readFile(`/proc/${left[0]!.pid}/stat`, 'utf8').then(
      (stat) => stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0],
      () => 'gone',
    );
    expect(['gone', 'Z']).toContain(state);
  });

  describe('with another responder in place of the runbook (a game day)', () => {
    const gameDay = {
      roles: { operator: 'alice' },
      ended: 'recovered' as const,
      timeLimitMs: 60_000,
      runbookTargets: { recoveryMs: 30_000 },
      page: null,
      shellOpenedMs: 0,
      shellClosedMs: 0,
      recoveredMs: 0,
      commands: [],
      notes: [],
      hints: { enabled: false, revealed: [] },
    };

    it('measures recovery from when the responder started to when it saw the probes hold, and keeps its record', async () => {
      let seen: { injectedAt: number; checks: number } | undefined;
      const restore: RestorePhase = async (run, incident) => {
        seen = { injectedAt: incident.injectedAt, checks: incident.checks.length };
        const startedAt = run.clock.now();
        await run.clock.sleep(4_000, run.signal);
        return { startedAt, transcripts: [], collateral: [], heldAt: run.clock.now(), gameDay };
      };
      const { result, events } = await run(() => ({}), { restore });
      expect(result.reasons).toEqual([]);
      expect(result.verdict).toBe('passed');
      expect(result.measured.recoveryMs).toBe(4_000);
      expect(result.measured.outageMs).toBeGreaterThan(4_000);
      expect(seen?.injectedAt).toBeGreaterThan(0);
      expect(result.gameDay).toEqual(gameDay);
      // No runbook step ran: the person was the remediation.
      expect(result.steps).toEqual([]);
      expect(events).not.toContain('step.started');
    });

    it('fails with what the responder says was still broken', async () => {
      const restore: RestorePhase = async (run) => ({
        startedAt: run.clock.now(),
        transcripts: [],
        collateral: [],
        notRestored: 'not restored within the time limit of 60 s',
        gameDay: { ...gameDay, ended: 'time-limit' as const, recoveredMs: null },
      });
      const { result } = await run(() => ({}), { restore });
      expect(result.verdict).toBe('failed');
      expect(result.reasons).toEqual(['not restored within the time limit of 60 s', 'steady state not restored (target 30000 ms)']);
      expect(result.measured.recoveryMs).toBeNull();
      expect(result.gameDay?.ended).toBe('time-limit');
    });
  });
});
