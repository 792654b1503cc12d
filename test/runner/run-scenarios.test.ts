import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Probe } from '../../src/probes/probe.ts';
import { runScenarios } from '../../src/runner/run-scenarios.ts';
import { RunbookError } from '../../src/runbook/runbook-error.ts';
import type { Environment, Runtime } from '../../src/runtime/runtime.ts';
import { defineScenario } from '../../src/scenario/define-scenario.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';
import { standInEnvironment, startStandInGateway } from '../support/stand-in-environment.ts';

// Scenarios one after another, each on a fresh stand-in environment, on the
// real clock: their probes follow a state the fault and the step flip, not time.
let gateway: Awaited<ReturnType<typeof startStandInGateway>>;
let reportDir: string;
beforeAll(async () => {
  gateway = await startStandInGateway();
});
afterAll(() => gateway[Symbol.asyncDispose]());
beforeEach(async () => {
  reportDir = await mkdtemp(join(tmpdir(), 'firedrill-run-'));
});
afterEach(() => rm(reportDir, { recursive: true, force: true }));

function scenario(id: string, options: { step?: string; checkDetail?: string } = {}) {
  const state = { broken: false, fixed: false };
  const probe = (name: string, holds: () => boolean): Probe => ({ name, observe: async () => ({ ok: holds(), detail: name }) });
  return defineScenario({
    id,
    title: `${id} title`,
    description: 'd',
    workload: { ordersPerSec: 5 },
    targets: { detectMs: 5000, recoveryMs: 5000, dataLoss: 0 },
    steadyState: [probe('ready', () => !state.broken || state.fixed)],
    faults: [
      {
        kind: 'test.break',
        description: 'break it',
        inject: async () => {
          state.broken = true;
          return { description: 'broken', revert: async () => {} };
        },
      },
    ],
    detection: probe('not ready', () => state.broken && !state.fixed),
    remediation: [
      {
        id: 'stand-in.fix',
        title: 'fix',
        run: options.step ?? 'echo fixed',
        postcondition: {
          probe: {
            name: 'repaired',
            observe: async () => {
              state.fixed = true;
              return { ok: true, detail: 'repaired' };
            },
          },
          withinMs: 1000,
        },
      },
    ],
    integrity: async () => ({ lost: 0, duplicated: 0, detail: 'none lost' }),
    checks: options.checkDetail ? [{ name: 'says', run: async () => ({ ok: true, detail: options.checkDetail! }) }] : [],
    hold: { steadyStateMs: 0, recoveryMs: 0 },
  });
}

function runtime(
  log: string[],
  provision?: (signal: AbortSignal) => Promise<Environment>,
  options: { teardownFails?: boolean; secrets?: string[] } = {},
): Runtime {
  return {
    name: 'local',
    provision:
      provision ??
      (async () => {
        log.push('provisioned');
        return standInEnvironment({ gatewayUrl: gateway.url, log, ...options });
      }),
  };
}

describe('runScenarios', () => {
  it('runs each scenario on a fresh environment torn down after it, says where it is, and records the evidence', async () => {
    const log: string[] = [];
    const progress: string[] = [];
    const events: string[] = [];
    const outcome = await runScenarios([scenario('first'), scenario('second')], {
      runtime: runtime(log),
      reportDir,
      signal: new AbortController().signal,
      onProgress: (line) => progress.push(line),
      onEvent: (s, event) => events.push(`${s.id} ${event.kind}`),
    });
    expect(outcome.evidence.scenarios.map((s) => [s.id, s.verdict, s.environment?.id])).toEqual([
      ['first', 'passed', 'env-test'],
      ['second', 'passed', 'env-test'],
    ]);
    expect(log.filter((l) => l !== 'proxy reset')).toEqual(['provisioned', 'torn down', 'provisioned', 'torn down']);
    expect(progress.filter((l) => !l.startsWith('    '))).toEqual([
      '[1/2] first: first title',
      expect.stringMatching(/^ {2}provisioned in \d+ ms$/),
      '[2/2] second: second title',
      expect.stringMatching(/^ {2}provisioned in \d+ ms$/),
    ]);
    expect(events).toContain('first scenario.finished');
    expect(events).toContain('second scenario.started');
    expect(outcome.reportDir).toBe(join(reportDir, outcome.evidence.runId));
    expect(outcome.evidence.runId).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f]{4}$/);
    expect(outcome.evidence.finishedAt).not.toBeNull();
    const written = JSON.parse(await readFile(join(outcome.reportDir, 'evidence.json'), 'utf8'));
    expect(written.scenarios).toHaveLength(2);
    expect(written.runbook.path).toBe('fixtures/runbook/RUNBOOK.md');
  });

  it("asks the runtime for the scenario's blue/green services, and for none when the scenario names none", async () => {
    const asked: unknown[] = [];
    const recording: Runtime = {
      name: 'local',
      provision: async (_signal, options) => {
        asked.push(options?.blueGreen);
        return standInEnvironment({ gatewayUrl: gateway.url, log: [] });
      },
    };
    const blueGreen = { ...scenario('blue-green'), blueGreen: ['order-gateway'] };
    await runScenarios([blueGreen, scenario('plain')], { runtime: recording, reportDir, signal: new AbortController().signal });
    expect(asked).toEqual([['order-gateway'], undefined]);
  });

  it('an environment that does not start errors that scenario, and the next one still runs', async () => {
    const log: string[] = [];
    let calls = 0;
    const flaky = runtime(log, async () => {
      calls++;
      if (calls === 1) throw new Error('postgres did not start');
      return standInEnvironment({ gatewayUrl: gateway.url, log });
    });
    const { evidence } = await runScenarios([scenario('first'), scenario('second')], {
      runtime: flaky,
      reportDir,
      signal: new AbortController().signal,
    });
    expect(evidence.scenarios.map((s) => [s.verdict, s.reason])).toEqual([
      ['errored', 'environment did not start: postgres did not start'],
      ['passed', undefined],
    ]);
  });

  it('a teardown that fails makes a passed scenario errored, saying so', async () => {
    const log: string[] = [];
    const { evidence } = await runScenarios([scenario('first')], {
      runtime: runtime(log, undefined, { teardownFails: true }),
      reportDir,
      signal: new AbortController().signal,
    });
    expect(evidence.scenarios[0]).toMatchObject({ verdict: 'errored', reasons: ['teardown failed: pm2 kill failed'] });
  });

  it('skips what an interrupt left unrun, provisioning nothing', async () => {
    const log: string[] = [];
    const interrupted = new AbortController();
    interrupted.abort(new Error('SIGINT'));
    const { evidence } = await runScenarios([scenario('first')], { runtime: runtime(log), reportDir, signal: interrupted.signal });
    expect(evidence.scenarios[0]).toMatchObject({ verdict: 'skipped', reasons: ['not run: the run was interrupted before it'] });
    expect(log).toEqual([]);
  });

  it("redacts the environment's secrets from everything recorded", async () => {
    const log: string[] = [];
    const { evidence, reportDir: dir } = await runScenarios([scenario('first', { checkDetail: 'saw pw-9f8e7d6c in a log' })], {
      runtime: runtime(log, undefined, { secrets: ['pw-9f8e7d6c'] }),
      reportDir,
      signal: new AbortController().signal,
    });
    expect(evidence.scenarios[0]?.checks.find((c) => c.name === 'says')?.detail).toBe('saw [REDACTED] in a log');
    expect(await readFile(join(dir, 'evidence.json'), 'utf8')).not.toContain('pw-9f8e7d6c');
  });

  it("redacts the environment's secrets from the events it reports as it goes (the CLI's progress lines)", async () => {
    const events: string[] = [];
    // A check's detail, as a probe quoting a log line would give it; step output is redacted when the step ends.
    await runScenarios([scenario('first', { checkDetail: 'saw pw-9f8e7d6c in a log' })], {
      runtime: runtime([], undefined, { secrets: ['pw-9f8e7d6c'] }),
      reportDir,
      signal: new AbortController().signal,
      onEvent: (_, event) => events.push(JSON.stringify(event)),
    });
    expect(events.join('\n')).toContain('saw [REDACTED] in a log');
    expect(events.join('\n')).not.toContain('pw-9f8e7d6c');
  });

  it('refuses, before provisioning anything, a scenario whose step the runbook lacks', async () => {
    const log: string[] = [];
    const unbound: Scenario = { ...scenario('first'), remediation: [{ id: 'no.such-step' }] };
    await expect(runScenarios([unbound], { runtime: runtime(log), reportDir, signal: new AbortController().signal })).rejects.toThrow(
      RunbookError,
    );
    expect(log).toEqual([]);
  });

  it('skips, with why and provisioning nothing, a scenario that does not apply on the runtime; its steps need no variant there', async () => {
    const log: string[] = [];
    const progress: string[] = [];
    const appliesTo = { runtimes: ['docker' as const], reason: 'the engine restarts its containers' };
    // A step the runbook lacks would be refused if it were bound: on this runtime it is not.
    const dockerOnly: Scenario = { ...scenario('docker-only'), appliesTo, remediation: [{ id: 'no.such-step' }] };
    const { evidence } = await runScenarios([dockerOnly, scenario('everywhere')], {
      runtime: runtime(log),
      reportDir,
      signal: new AbortController().signal,
      onProgress: (line) => progress.push(line),
    });
    const reason = 'not applicable on the local runtime (it runs on: docker): the engine restarts its containers';
    expect(evidence.scenarios.map((s) => [s.id, s.verdict, s.reason])).toEqual([
      ['docker-only', 'skipped', reason],
      ['everywhere', 'passed', undefined],
    ]);
    expect(progress).toContain(`  skipped: ${reason}`);
    expect(log.filter((l) => l === 'provisioned')).toHaveLength(1);
  });
});
