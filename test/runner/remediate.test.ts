import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock/clock.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { remediate } from '../../src/runner/phases/remediate.ts';
import type { ScenarioRun } from '../../src/runner/scenario-run.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import type { Probe } from '../../src/probes/probe.ts';
import type { RemediationStep, Scenario } from '../../src/scenario/scenario.ts';
import { referenceTopology } from '../../src/topology/topology.ts';

// Real bash, a stand-in environment: the variables and the secret are all a step sees.
const env = {
  topology: await referenceTopology(),
  variables: () => ({ PATH: process.env.PATH ?? '', PGPASSWORD: 'hunter2-secret', REDIS_PORT: '6379' }),
  secrets: () => ['hunter2-secret'],
};

function runOf(steps: RemediationStep[], recovery: Probe[] = []): ScenarioRun {
  return {
    scenario: { remediation: steps, recovery } as unknown as Scenario,
    probes: { env } as unknown as ProbeContext,
    clock: systemClock,
    timeline: createTimeline(systemClock),
    signal: new AbortController().signal,
    workDir: '/tmp',
  };
}

describe('remediate', () => {
  it('runs steps in order with the environment variables and redacts secrets from the transcript', async () => {
    const outcome = await remediate(
      runOf([
        { id: 'a.first', title: 'first', run: 'echo "port $REDIS_PORT password $PGPASSWORD"' },
        { id: 'a.second', title: 'second', run: 'echo second' },
      ]),
    );
    expect(outcome.failure).toBeUndefined();
    expect(outcome.transcripts.map((t) => t.stdout.trim())).toEqual(['port 6379 password [REDACTED]', 'second']);
  });

  it('stops at the first failing step and names it with its exit status and output', async () => {
    const outcome = await remediate(
      runOf([
        { id: 'a.fails', title: 'fails', run: 'echo "no route to redis" >&2; exit 3' },
        { id: 'a.never', title: 'never', run: 'echo never' },
      ]),
    );
    expect(outcome.failure).toBe('runbook step "a.fails" exited with status 3: no route to redis');
    expect(outcome.transcripts).toHaveLength(1);
  });

  it('runs under set -euo pipefail: an unset variable or a failing pipeline stage fails the step', async () => {
    expect((await remediate(runOf([{ id: 'a.unset', title: 'u', run: 'echo "$NOT_SET"' }]))).failure).toMatch(
      /a\.unset" exited with status 1.*NOT_SET: unbound variable/,
    );
    expect((await remediate(runOf([{ id: 'a.pipe', title: 'p', run: 'false | cat\necho after' }]))).failure).toMatch(
      /a\.pipe" exited with status 1/,
    );
  });

  it('kills a step that outlives its timeout and says so', async () => {
    const outcome = await remediate(runOf([{ id: 'a.slow', title: 's', run: 'sleep 30', timeoutMs: 300 }]));
    expect(outcome.failure).toMatch(/^runbook step "a\.slow" timed out after \d+ ms$/);
  });

  it('skips a step whose onlyIf does not hold, with what was seen as the reason, and goes on', async () => {
    const notInstalled: Probe = {
      name: 'extension timescaledb is installed',
      observe: async () => ({ ok: false, detail: 'extension timescaledb is not installed' }),
    };
    const outcome = await remediate(
      runOf([
        { id: 'a.hypertables', title: 'h', run: 'echo should-not-run', onlyIf: notInstalled },
        { id: 'a.next', title: 'n', run: 'echo next' },
      ]),
    );
    expect(outcome.failure).toBeUndefined();
    expect(outcome.transcripts[0]).toMatchObject({
      stepId: 'a.hypertables',
      exitCode: null,
      stdout: '',
      skipped: 'skipped: "extension timescaledb is installed" does not hold: extension timescaledb is not installed',
    });
    expect(outcome.transcripts[1]?.stdout.trim()).toBe('next');
  });

  it('records, after each step, what its observe probes saw and whether service was back', async () => {
    let fixed = false;
    const serviceBack: Probe = {
      name: 'readyz answers 200',
      observe: async () => ({ ok: fixed, detail: fixed ? 'readyz 200' : 'readyz 503' }),
    };
    const setting: Probe = {
      name: 'max_connections',
      observe: async () => ({ ok: false, detail: 'max_connections = 100 in effect; 200 pending a restart' }),
    };
    const fix: Probe = {
      name: 'fix',
      observe: async () => {
        fixed = true;
        return { ok: true, detail: '' };
      },
    };
    const outcome = await remediate(
      runOf(
        [
          { id: 'a.raise', title: 'r', run: 'true', observe: [setting] },
          { id: 'a.terminate', title: 't', run: 'true', observe: [fix] },
        ],
        [serviceBack],
      ),
    );
    expect(outcome.transcripts.map((t) => ({ id: t.stepId, observed: t.observed, serviceAfter: t.serviceAfter }))).toEqual([
      {
        id: 'a.raise',
        observed: [{ probe: 'max_connections', ok: false, detail: 'max_connections = 100 in effect; 200 pending a restart' }],
        serviceAfter: { restored: false, detail: 'readyz answers 200: readyz 503' },
      },
      {
        id: 'a.terminate',
        observed: [{ probe: 'fix', ok: true, detail: '' }],
        serviceAfter: { restored: true, detail: 'every recovery probe holds' },
      },
    ]);
  });

  it("times a postcondition from the step's start with fromStepStart, and records after how long it held", async () => {
    const heldAfter = (ms: number): Probe => {
      let firstLook: number | undefined;
      return {
        name: `holds ${ms} ms after its first look`,
        observe: async () => {
          firstLook ??= performance.now();
          const ok = performance.now() - firstLook >= ms;
          return { ok, detail: ok ? 'held' : 'not yet' };
        },
      };
    };
    // The step takes about 600 ms of a 1000 ms budget: a probe holding at once passes, one holding 700 ms later does not.
    const step = (probe: Probe, fromStepStart: boolean): RemediationStep => ({
      id: 'a.engage',
      title: 'e',
      run: 'sleep 0.6',
      postcondition: { probe, withinMs: 1000, fromStepStart },
    });
    const held = runOf([step(heldAfter(0), true)]);
    expect((await remediate(held)).failure).toBeUndefined();
    const event = held.timeline.events.find((e) => e.kind === 'step.postcondition-held');
    expect(event?.detail).toMatchObject({ stepId: 'a.engage', withinMs: 1000, measuredFrom: 'step start' });
    expect(Number(event?.detail.afterStepStartMs)).toBeGreaterThanOrEqual(600);
    expect(Number(event?.detail.afterStepStartMs) - Number(event?.detail.afterStepMs)).toBeGreaterThanOrEqual(600);
    expect((await remediate(runOf([step(heldAfter(700), true)]))).failure).toMatch(
      /^runbook step "a\.engage" ran \(exit 0\) but its postcondition "holds 700 ms after its first look" did not hold within 1000 ms of the step's start \(last seen: not yet\)$/,
    );
    // From the step's end (the default) the same probe has the whole 1000 ms.
    expect((await remediate(runOf([step(heldAfter(700), false)]))).failure).toBeUndefined();
    // A look begun in time that answers after it: the harness knew too late, the target is missed.
    const slowLook: Probe = {
      name: 'slow look',
      observe: () => new Promise((ok) => setTimeout(() => ok({ ok: true, detail: 'held' }), 600)),
    };
    expect((await remediate(runOf([step(slowLook, true)]))).failure).toMatch(
      /^runbook step "a\.engage" ran \(exit 0\) but its postcondition "slow look" held only \d+ ms after the step's start, target 1000 ms \(held\)$/,
    );
  });

  it("gives a postcondition the step's start: its process's, not the step's end less a guess", async () => {
    const seen: (number | undefined)[] = [];
    const stepStart: Probe = {
      name: 'sees the step start',
      observe: async ({ stepStartedAtMs }) => {
        seen.push(stepStartedAtMs);
        return { ok: true, detail: String(stepStartedAtMs) };
      },
    };
    const before = Date.now();
    const passing = { id: 'a.restart', title: 'r', run: 'sleep 0.4', postcondition: { probe: stepStart, withinMs: 1000 } };
    expect((await remediate(runOf([passing]))).failure).toBeUndefined();
    const failing = { ...passing, run: 'sleep 0.4; exit 1' };
    expect((await remediate(runOf([failing]))).failure).toMatch(/postcondition "sees the step start" holds nonetheless/);
    const after = Date.now();
    expect(seen).toHaveLength(2);
    for (const at of seen) {
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after - 400);
    }
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(400);
  });

  it('names, in a failed step, what the recovery probes still saw after it', async () => {
    const down: Probe = { name: 'readyz answers 200', observe: async () => ({ ok: false, detail: 'readyz 503: redis down' }) };
    const outcome = await remediate(runOf([{ id: 'a.fails', title: 'f', run: 'exit 3' }], [down]));
    expect(outcome.failure).toBe(
      'runbook step "a.fails" exited with status 3; still not restored: readyz answers 200: readyz 503: redis down',
    );
  });

  it('checks around each step that it touched only what it declares, naming a service it restarted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-remediate-'));
    try {
      // The exchange's "pid" is whatever the step leaves in a file; every other service keeps pid 1.
      const pidFile = join(dir, 'exchange.pid');
      await writeFile(pidFile, '100');
      const service = (name: string) => ({
        pid: async () => (name === 'exchange' ? Number(await readFile(pidFile, 'utf8')) : 1),
      });
      const run = runOf([
        { id: 'a.restart', title: 'r', run: `echo 200 > ${pidFile}`, touches: { services: ['exchange'] } },
        { id: 'a.too-much', title: 't', run: `echo 300 > ${pidFile}` },
      ]);
      const outcome = await remediate({ ...run, probes: { ...run.probes, env: { ...env, service } } as unknown as ProbeContext });
      expect(outcome.failure).toBeUndefined();
      expect(outcome.collateral.map((c) => [c.name, c.ok, c.detail])).toEqual([
        [
          'runbook step "a.restart" touched only what it declares',
          true,
          expect.stringMatching(
            /^runbook step "a\.restart" touched only what it declares \(it may touch services exchange\): PostgreSQL's sessions not compared: /,
          ),
        ],
        [
          'runbook step "a.too-much" touched only what it declares',
          false,
          'runbook step "a.too-much" touched what it does not declare (it may touch nothing): restarted or stopped exchange (pid 200 → 300)',
        ],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
