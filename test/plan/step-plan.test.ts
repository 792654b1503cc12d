import { describe, expect, it } from 'vitest';
import { planStep } from '../../src/plan/step-plan.ts';
import { parseRunbook } from '../../src/runbook/parse.ts';

const runbook = parseRunbook(
  [
    '# R',
    '',
    '## Redis',
    '',
    '```bash {id=redis.restart timeout=20s}',
    'redis-server "$REDIS_CONF"',
    '```',
    '',
    '```bash {id=redis.restart runtime=docker}',
    'docker start "$REDIS_CONTAINER"',
    '```',
    '',
    '## Smoke',
    '',
    '```bash {id=rollback.smoke suite=post-rollback-smoke}',
    'helm test ats -n trading',
    '```',
    '',
  ].join('\n'),
  'RUNBOOK.md',
);

describe('planStep', () => {
  it("the runbook's variant for the runtime, with its line, timeout and what the scenario adds", () => {
    const probe = { name: 'redis answers PING', observe: async () => ({ ok: true, detail: '' }) };
    const declared = { id: 'redis.restart', postcondition: { probe, withinMs: 5_000 }, touches: { services: ['redis'] } };
    expect(planStep('redis-outage', 'remediation[0]', declared, runbook, 'local')).toEqual({
      plan: {
        field: 'remediation[0]',
        id: 'redis.restart',
        source: 'RUNBOOK.md:5',
        command: 'redis-server "$REDIS_CONF"',
        timeoutMs: 20_000,
        postcondition: { probe: 'redis answers PING', withinMs: 5_000 },
        touches: { services: ['redis'], postgresSessions: [] },
      },
      problems: [],
    });
    expect(planStep('redis-outage', 'remediation[0]', declared, runbook, 'docker').plan).toMatchObject({
      source: 'RUNBOOK.md:9',
      command: 'docker start "$REDIS_CONTAINER"',
    });
  });

  it('a probe suite standing in for the command on a runtime that cannot run it', () => {
    expect(planStep('bad-deploy', 'remediation[1]', { id: 'rollback.smoke' }, runbook, 'local').plan).toMatchObject({
      command: 'helm test ats -n trading',
      suite: 'post-rollback-smoke',
    });
  });

  it("a scenario's inline command, and one with no command for this runtime: a problem naming the scenario and field", () => {
    expect(planStep('s', 'remediation[0]', { id: 'x.y', run: 'exit 1' }, runbook, 'local').plan).toMatchObject({
      source: 'inline in the scenario',
      command: 'exit 1',
    });
    const { plan, problems } = planStep('s', 'preparation[0]', { id: 'x.y', run: { docker: 'true' } }, runbook, 'local');
    expect(plan.command).toBeUndefined();
    expect(problems).toEqual(['s: preparation[0]: runbook step "x.y" has no command for the local runtime; it has commands for: docker']);
  });

  it('a step the runbook lacks: unresolved, the problem naming the scenario, the field, the step and the known ids', () => {
    const { plan, problems } = planStep('s', 'healthCheck.step', { id: 'health.check' }, runbook, 'local');
    expect(plan).toEqual({ field: 'healthCheck.step', id: 'health.check', touches: { services: [], postgresSessions: [] } });
    expect(problems).toEqual([
      's: healthCheck.step: step "health.check" not found; known ids: redis.restart, rollback.smoke (runbook RUNBOOK.md)',
    ]);
  });
});
