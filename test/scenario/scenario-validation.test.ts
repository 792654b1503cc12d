import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/parse.ts';
import { defineScenario, ScenarioDefinitionError, type ScenarioInput } from '../../src/scenario/define-scenario.ts';
import { stepCoverage, stepIdsRunBy } from '../../src/scenario/step-coverage.ts';

const probe = { name: 'ready', observe: async () => ({ ok: true, detail: '' }) };
const valid: ScenarioInput = {
  id: 'redis-outage',
  title: 'Redis dies',
  description: 'd',
  workload: { ordersPerSec: 10 },
  targets: { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 },
  steadyState: [probe],
  faults: [{ kind: 'process.kill', description: 'kill', inject: async () => ({ description: 'k', revert: async () => {} }) }],
  detection: probe,
  remediation: [{ id: 'redis.restart', title: 'restart', run: 'true' }],
  integrity: async () => ({ lost: 0, duplicated: 0, detail: '' }),
};

function problemsOf(input: unknown): readonly string[] {
  try {
    defineScenario(input as ScenarioInput);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioDefinitionError);
    return (error as ScenarioDefinitionError).problems;
  }
  return [];
}

describe('defineScenario: what it checks', () => {
  it('wants functions where it calls one', () => {
    expect(problemsOf({ ...valid, detection: { name: 'ready', observe: 'GET /readyz' } })).toEqual([
      'detection.observe: expected a function',
    ]);
    expect(problemsOf({ ...valid, integrity: { lost: 0 } })).toEqual(['integrity: expected a function']);
  });

  it('wants the steady state to hold for less time than it may take', () => {
    expect(problemsOf({ ...valid, hold: { steadyStateMs: 20_000 } })).toEqual([
      'hold.steadyStateMs: must be shorter than timeouts.steadyStateMs (20000)',
    ]);
    expect(problemsOf({ ...valid, hold: { steadyStateMs: 19_999 } })).toEqual([]);
  });

  it('lets an alert stay quiet that is not expected to fire', () => {
    expect(problemsOf({ ...valid, alerts: { fire: [{ alert: 'RedisDown', withinMs: 1000 }], quiet: ['ServiceDown'] } })).toEqual([]);
  });

  it('takes one override per alert, each to a duration above 0', () => {
    const override = (alert: string, forText: string) => ({ alert, for: forText, reason: 'shorter drill' });
    expect(problemsOf({ ...valid, alertRuleOverrides: [override('SharpeRatioLow', '3s'), override('RedisDown', '1m30s')] })).toEqual([]);
    expect(problemsOf({ ...valid, alertRuleOverrides: [override('SharpeRatioLow', '0s'), override('RedisDown', 'soon')] })).toEqual([
      'alertRuleOverrides.0.for: expected a Prometheus duration above 0, like "3s" or "1m30s"',
      'alertRuleOverrides.1.for: expected a Prometheus duration above 0, like "3s" or "1m30s"',
    ]);
    expect(problemsOf({ ...valid, alertRuleOverrides: [override('RedisDown', '3s'), override('RedisDown', '5s')] })).toEqual([
      'alertRuleOverrides.1.alert: alert RedisDown is overridden twice',
    ]);
  });

  it('wants a health check to say either what its failure names or why it passes during the fault, not both', () => {
    const step = { id: 'health.check', run: 'true' };
    expect(problemsOf({ ...valid, healthCheck: { step, failsNaming: 'redis' } })).toEqual([]);
    expect(problemsOf({ ...valid, healthCheck: { step, passesDuringFault: 'the fault heals' } })).toEqual([]);
    const either =
      'healthCheck: expected exactly one of failsNaming (what the failing check names) and passesDuringFault (why it must pass)';
    expect(problemsOf({ ...valid, healthCheck: { step } })).toEqual([either]);
    expect(problemsOf({ ...valid, healthCheck: { step, failsNaming: 'redis', passesDuringFault: 'x' } })).toEqual([either]);
  });

  it('checks what a step may touch: service names, named sessions, nothing else', () => {
    const touching = (touches: unknown) => problemsOf({ ...valid, remediation: [{ id: 'redis.restart', run: 'true', touches }] });
    expect(touching({ services: ['redis'], postgresSessions: ['firedrill-stuck-client'] })).toEqual([]);
    expect(touching({ services: ['MySQL'] })).toEqual([expect.stringMatching(/^remediation\.0\.touches\.services\.0: /)]);
    expect(touching({ postgresSessions: [''] })).toEqual(['remediation.0.touches.postgresSessions.0: expected an application_name']);
    expect(touching({ files: ['/etc'] })).toEqual([expect.stringMatching(/^remediation\.0\.touches: /)]);
  });

  it('keeps recovery probes of its own, else recovers on the steady state', () => {
    const recovery = [{ name: 'orders flow', observe: async () => ({ ok: true, detail: '' }) }];
    expect(defineScenario({ ...valid, recovery }).recovery).toEqual(recovery);
  });
});

describe('defineScenario: how it says so', () => {
  it('names a scenario without an id "(no id)", and a problem with the whole input "(root)"', () => {
    expect(() => defineScenario({ ...valid, id: 42 } as unknown as ScenarioInput)).toThrow(/^Scenario \(no id\) \(/);
    const error = (() => {
      try {
        defineScenario(undefined as unknown as ScenarioInput);
      } catch (e) {
        return e as ScenarioDefinitionError;
      }
    })();
    expect(error?.name).toBe('ScenarioDefinitionError');
    expect(error?.problems).toEqual([expect.stringMatching(/^\(root\): /)]);
  });

  it('names the file and line that defined it, from inside a named function too, one problem per line', () => {
    const file = fileURLToPath(import.meta.url);
    function defineInHere() {
      return defineScenario({ ...valid, title: '', faults: [] });
    }
    expect(defineInHere).toThrow(
      new RegExp(`^Scenario "redis-outage" \\(${file}:\\d+:\\d+\\) is invalid:\\n {2}- title: .*\\n {2}- faults: `),
    );
    expect(() => defineScenario({ ...valid, faults: [] })).toThrow(
      new RegExp(`^Scenario "redis-outage" \\((file://)?${file}:\\d+:\\d+\\) is invalid:`),
    );
  });
});

describe('step coverage', () => {
  const scenario = (id: string, steps: string[], healthCheck?: string) =>
    defineScenario({
      ...valid,
      id,
      remediation: steps.map((step) => ({ id: step, run: 'true' })),
      ...(healthCheck ? { healthCheck: { step: { id: healthCheck, run: 'true' }, failsNaming: 'x' } } : {}),
    });

  it('lists the steps a scenario runs: its remediation, then its health check', () => {
    expect(stepIdsRunBy(scenario('a', ['redis.restart', 'redis.check'], 'health.check'))).toEqual([
      'redis.restart',
      'redis.check',
      'health.check',
    ]);
    expect(stepIdsRunBy(scenario('a', ['redis.restart']))).toEqual(['redis.restart']);
  });

  it('lists every runbook step once, in runbook order, with the scenarios that run it', () => {
    const runbook = parseRunbook(
      [
        '# R',
        '```bash {id=health.check}\ntrue\n```',
        '```bash {id=redis.restart runtime=docker}\ntrue\n```',
        '```bash {id=redis.restart}\ntrue\n```',
        '```bash {id=db.vacuum}\ntrue\n```',
      ].join('\n'),
      'RUNBOOK.md',
    );
    const scenarios = [
      scenario('redis-outage', ['redis.restart'], 'health.check'),
      scenario('redis-latency', ['redis.restart'], 'redis.restart'),
    ];
    expect(stepCoverage(runbook, scenarios)).toEqual([
      { stepId: 'health.check', line: 2, scenarios: ['redis-outage'] },
      { stepId: 'redis.restart', line: 5, scenarios: ['redis-outage', 'redis-latency'] },
      { stepId: 'db.vacuum', line: 11, scenarios: [] },
    ]);
  });
});
