import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock/clock.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { remediate, stepFor } from '../../src/runner/phases/remediate.ts';
import type { ScenarioRun } from '../../src/runner/scenario-run.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import { defineScenario, type ScenarioDefinitionError, type ScenarioInput } from '../../src/scenario/define-scenario.ts';
import type { RemediationStep, Scenario } from '../../src/scenario/scenario.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';

// One runbook step, one command per runtime where the operator's command differs
// (redis.restart: redis-server on a host, docker start in containers).
const restart: RemediationStep = {
  id: 'redis.restart',
  title: 'restart',
  run: { local: 'echo local', docker: 'echo "docker $REDIS_CONTAINER"' },
};

function runOn(runtime: RuntimeName, steps: RemediationStep[]): ScenarioRun {
  const env = { runtime, variables: () => ({ PATH: process.env.PATH ?? '', REDIS_CONTAINER: 'firedrill-x-redis' }), secrets: () => [] };
  return {
    scenario: { remediation: steps, recovery: [] } as unknown as Scenario,
    probes: { env } as unknown as ProbeContext,
    clock: systemClock,
    timeline: createTimeline(systemClock),
    signal: new AbortController().signal,
    workDir: '/tmp',
  };
}

const probe = { name: 'ready', observe: async () => ({ ok: true, detail: '' }) };

describe('per-runtime step commands', () => {
  it('runs the command of the environment’s runtime, and records it in the transcript', async () => {
    const local = await remediate(runOn('local', [restart]));
    const docker = await remediate(runOn('docker', [restart]));
    expect(local.transcripts.map((t) => [t.command, t.stdout.trim()])).toEqual([['echo local', 'local']]);
    expect(docker.transcripts.map((t) => [t.command, t.stdout.trim()])).toEqual([
      ['echo "docker $REDIS_CONTAINER"', 'docker firedrill-x-redis'],
    ]);
  });

  it('a plain string is the command on every runtime', () => {
    expect(stepFor({ ...restart, run: 'true' }, 'docker').run).toBe('true');
  });

  it('a runtime the step has no command for is an error naming the step and the runtimes it has', () => {
    expect(() => stepFor({ ...restart, run: { local: 'true' } }, 'docker')).toThrow(
      'runbook step "redis.restart" has no command for the docker runtime; it has commands for: local',
    );
  });

  it('defineScenario rejects an empty variant map and an unknown runtime, naming the field', () => {
    const base = {
      id: 'redis-outage',
      title: 't',
      description: 'd',
      workload: { ordersPerSec: 10 },
      targets: { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 },
      steadyState: [probe],
      faults: [{ kind: 'process.kill', description: 'kill', inject: async () => ({ description: 'k', revert: async () => {} }) }],
      detection: probe,
      integrity: async () => ({ lost: 0, duplicated: 0, detail: '' }),
    };
    const problems = (run: unknown) => {
      try {
        defineScenario({ ...base, remediation: [{ id: 'redis.restart', title: 't', run }] } as ScenarioInput);
      } catch (error) {
        return (error as ScenarioDefinitionError).problems.join('\n');
      }
      return '';
    };
    expect(problems({})).toMatch(/^remediation\.0\.run: /);
    expect(problems({ kubernetes: 'kubectl rollout restart' })).toMatch(/^remediation\.0\.run/);
    expect(problems({ docker: 'docker start "$REDIS_CONTAINER"' })).toBe('');
  });
});
