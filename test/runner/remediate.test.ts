import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock/clock.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { remediate } from '../../src/runner/phases/remediate.ts';
import type { ScenarioRun } from '../../src/runner/scenario-run.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import type { RunbookStep } from '../../src/runbook/step.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';

// Real bash, a stand-in environment: the variables and the secret are all a step sees.
const env = { variables: () => ({ PATH: process.env.PATH ?? '', PGPASSWORD: 'hunter2-secret', REDIS_PORT: '6379' }), secrets: () => ['hunter2-secret'] };

function runOf(steps: RunbookStep[]): ScenarioRun {
  return {
    scenario: { remediation: steps } as unknown as Scenario,
    probes: { env } as unknown as ProbeContext,
    clock: systemClock,
    timeline: createTimeline(systemClock),
    signal: new AbortController().signal,
    workDir: '/tmp',
  };
}

describe('remediate', () => {
  it('runs steps in order with the environment variables and redacts secrets from the transcript', async () => {
    const outcome = await remediate(runOf([
      { id: 'a.first', title: 'first', run: 'echo "port $REDIS_PORT password $PGPASSWORD"' },
      { id: 'a.second', title: 'second', run: 'echo second' },
    ]));
    expect(outcome.failure).toBeUndefined();
    expect(outcome.transcripts.map((t) => t.stdout.trim())).toEqual(['port 6379 password [REDACTED]', 'second']);
  });

  it('stops at the first failing step and names it with its exit status and output', async () => {
    const outcome = await remediate(runOf([
      { id: 'a.fails', title: 'fails', run: 'echo "no route to redis" >&2; exit 3' },
      { id: 'a.never', title: 'never', run: 'echo never' },
    ]));
    expect(outcome.failure).toBe('runbook step "a.fails" exited with status 3: no route to redis');
    expect(outcome.transcripts).toHaveLength(1);
  });

  it('runs under set -euo pipefail: an unset variable or a failing pipeline stage fails the step', async () => {
    expect((await remediate(runOf([{ id: 'a.unset', title: 'u', run: 'echo "$NOT_SET"' }]))).failure).toMatch(/a\.unset" exited with status 1.*NOT_SET: unbound variable/);
    expect((await remediate(runOf([{ id: 'a.pipe', title: 'p', run: 'false | cat\necho after' }]))).failure).toMatch(/a\.pipe" exited with status 1/);
  });

  it('kills a step that outlives its timeout and says so', async () => {
    const outcome = await remediate(runOf([{ id: 'a.slow', title: 's', run: 'sleep 30', timeoutMs: 300 }]));
    expect(outcome.failure).toMatch(/^runbook step "a\.slow" timed out after \d+ ms$/);
  });
});
