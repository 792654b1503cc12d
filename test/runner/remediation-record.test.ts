import { describe, expect, it } from 'vitest';
import type { Probe } from '../../src/probes/probe.ts';
import { remediate, stepFor } from '../../src/runner/phases/remediate.ts';
import type { Environment, RuntimeName } from '../../src/runtime/runtime.ts';
import type { RemediationStep } from '../../src/scenario/scenario.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { phaseRun } from '../support/phase-run.ts';

// Real bash for the steps, a fake clock for postconditions, a stand-in environment.
function runOf(steps: RemediationStep[], recovery: Probe[] = [], runtime: RuntimeName = 'local') {
  const env = { runtime, variables: () => ({ PATH: process.env.PATH ?? '' }), secrets: () => [] } as unknown as Environment;
  return phaseRun({ remediation: steps, recovery }, { clock: fakeClock(0), env });
}

const fixed = (ok: boolean, detail = ok ? 'ready' : 'readyz 503'): Probe => ({
  name: 'gateway ready',
  observe: async () => ({ ok, detail }),
});
const notInstalled: Probe = { name: 'timescaledb installed', observe: async () => ({ ok: false, detail: 'not installed' }) };
const stepEvents = (run: ReturnType<typeof runOf>) =>
  run.timeline.events.filter((e) => e.kind.startsWith('step.')).map((e) => [e.kind, e.detail] as const);

describe('remediate: what the timeline and transcripts record', () => {
  it('records each step starting and finishing, and whether service was back after it', async () => {
    const run = runOf([{ id: 'redis.restart', run: 'echo up' }], [fixed(true)]);
    const outcome = await remediate(run);
    expect(outcome.failure).toBeUndefined();
    const events = stepEvents(run);
    expect(events.map(([kind]) => kind)).toEqual(['step.started', 'step.finished', 'step.service-after']);
    expect(events[0]?.[1]).toEqual({ stepId: 'redis.restart', title: 'redis.restart' });
    expect(events[1]?.[1]).toEqual({ stepId: 'redis.restart', exitCode: 0, timedOut: false, durationMs: expect.any(Number) });
    expect(events[2]?.[1]).toEqual({ stepId: 'redis.restart', restored: true, detail: 'every recovery probe holds' });
  });

  it('records a skipped step with its command for the runtime and nothing run', async () => {
    const steps: RemediationStep[] = [
      { id: 'db.plain', run: 'echo plain', onlyIf: notInstalled },
      { id: 'db.variant', run: { local: 'echo local', docker: 'echo docker' }, onlyIf: notInstalled },
      { id: 'db.elsewhere', run: { local: 'echo local' }, onlyIf: notInstalled },
      { id: 'db.unbound', onlyIf: notInstalled },
    ];
    const run = runOf(steps, [], 'docker');
    const outcome = await remediate(run);
    const skipped = 'skipped: "timescaledb installed" does not hold: not installed';
    expect(outcome.transcripts).toEqual(
      ['echo plain', 'echo docker', '', ''].map((command, i) => ({
        stepId: steps[i]!.id,
        command,
        exitCode: null,
        timedOut: false,
        stdout: '',
        stderr: '',
        durationMs: 0,
        skipped,
      })),
    );
    expect(stepEvents(run)[0]).toEqual(['step.skipped', { stepId: 'db.plain', reason: skipped }]);
  });

  it('leaves out what observe probes saw when the step has none', async () => {
    const outcome = await remediate(runOf([{ id: 'a.step', run: 'true' }], [fixed(true)]));
    expect(outcome.transcripts[0]).not.toHaveProperty('observed');
    expect(outcome.transcripts[0]?.serviceAfter).toEqual({ restored: true, detail: 'every recovery probe holds' });
  });

  it('lists every recovery probe that does not hold after a step', async () => {
    const down = (name: string): Probe => ({ name, observe: async () => ({ ok: false, detail: 'down' }) });
    const outcome = await remediate(runOf([{ id: 'a.step', run: 'true' }], [down('gateway ready'), fixed(true), down('orders flow')]));
    expect(outcome.transcripts[0]?.serviceAfter).toEqual({ restored: false, detail: 'gateway ready: down; orders flow: down' });
  });
});

describe('remediate: how a step fails', () => {
  it('names the step, its status and the last three lines of what it printed, stderr first', async () => {
    const run = runOf([{ id: 'a.fails', run: 'printf "one\\ntwo\\nthree\\nfour\\n" >&2; echo out; exit 4' }]);
    const outcome = await remediate(run);
    expect(outcome.failure).toMatch(/^runbook step "a\.fails" exited with status 4: two \| three \| four(;|$)/);
    expect(stepEvents(run).at(-1)).toEqual(['step.failed', { stepId: 'a.fails', reason: outcome.failure }]);
  });

  it('falls back to stdout, and says nothing more when the step printed nothing', async () => {
    expect((await remediate(runOf([{ id: 'a.out', run: 'echo "only stdout"; exit 2' }]))).failure).toMatch(
      /^runbook step "a\.out" exited with status 2: only stdout(;|$)/,
    );
    expect((await remediate(runOf([{ id: 'a.quiet', run: 'exit 3' }]))).failure).toMatch(
      /^runbook step "a\.quiet" exited with status 3(;|$)/,
    );
  });

  it('judges a step that declares an expectation by it, not by its exit status', async () => {
    const met = await remediate(runOf([{ id: 'gate.check', run: 'echo blocking; exit 1', expect: { exitCode: 1, output: /blocking/ } }]));
    expect(met.failure).toBeUndefined();
    const unmet = await remediate(runOf([{ id: 'gate.check', run: 'echo fine', expect: { output: /blocking/ } }]));
    expect(unmet.failure).toMatch(/^runbook step "gate\.check" expected stdout to match \/blocking\/; last line: "fine"/);
  });

  it('fails a step whose postcondition does not hold within its time, saying what was seen last', async () => {
    const run = runOf([{ id: 'redis.restart', run: 'true', postcondition: { probe: fixed(false), withinMs: 1000 } }]);
    const outcome = await remediate(run);
    expect(outcome.failure).toMatch(
      /^runbook step "redis\.restart" ran \(exit 0\) but its postcondition "gateway ready" did not hold within 1000 ms \(last seen: readyz 503\)/,
    );
    expect(run.clock.now()).toBeGreaterThanOrEqual(1000);
  });

  it('passes a step whose postcondition comes to hold in time', async () => {
    let looks = 0;
    const soon: Probe = { name: 'soon', observe: async () => ({ ok: ++looks >= 3, detail: `look ${looks}` }) };
    expect(
      (await remediate(runOf([{ id: 'a.step', run: 'true', postcondition: { probe: soon, withinMs: 1000 } }]))).failure,
    ).toBeUndefined();
  });

  it('for a failed step, says whether its postcondition holds anyway', async () => {
    const failing = (probe: Probe) => runOf([{ id: 'a.fails', run: 'exit 1', postcondition: { probe, withinMs: 1000 } }]);
    expect((await remediate(failing(fixed(true)))).failure).toMatch(/status 1; its postcondition "gateway ready" holds nonetheless/);
    expect((await remediate(failing(fixed(false)))).failure).toMatch(
      /status 1; its postcondition "gateway ready" does not hold \(readyz 503\)/,
    );
    const throwing: Probe = {
      name: 'throws',
      observe: async () => {
        throw new Error('ECONNREFUSED');
      },
    };
    expect((await remediate(failing(throwing))).failure).toMatch(/status 1; its postcondition "throws" does not hold \(ECONNREFUSED\)/);
  });
});

describe('stepFor', () => {
  it('titles a step by its id when it has no title', () => {
    expect(stepFor({ id: 'redis.restart', run: 'true' }, 'local')).toEqual({ id: 'redis.restart', title: 'redis.restart', run: 'true' });
    expect(stepFor({ id: 'redis.restart', title: 'Restart Redis', run: 'true' }, 'local').title).toBe('Restart Redis');
  });

  it('refuses a step that has no command (a scenario not bound to a runbook)', () => {
    expect(() => stepFor({ id: 'redis.restart' }, 'local')).toThrow(
      'runbook step "redis.restart" has no command: the scenario was not bound to a runbook',
    );
  });

  it('names every runtime the step has a command for', () => {
    const run = { local: 'true', kubernetes: 'kubectl rollout restart' } as unknown as RemediationStep['run'];
    expect(() => stepFor({ id: 'redis.restart', run }, 'docker')).toThrow('it has commands for: local, kubernetes');
  });
});
