import { describe, expect, it } from 'vitest';
import { defineScenario, ScenarioDefinitionError, type ScenarioInput } from '../../src/scenario/define-scenario.ts';

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
  throw new Error('expected the scenario to be rejected');
}

describe('defineScenario', () => {
  it('accepts a valid scenario and fills defaults (recovery = steady state, timeouts)', () => {
    const scenario = defineScenario(valid);
    expect(scenario.recovery).toBe(scenario.steadyState);
    expect(scenario.timeouts).toEqual({ steadyStateMs: 20_000, overrunMs: 30_000 });
    expect(scenario.hold).toEqual({ steadyStateMs: 3_000, recoveryMs: 2_000 });
    expect(scenario.checks).toEqual([]);
    expect(scenario.alerts).toEqual({ fire: [], quiet: [] });
  });

  it('names a bad alert expectation, and an alert expected both to fire and to stay quiet', () => {
    const alerts = {
      fire: [
        { alert: 'Redis Down', withinMs: 0 },
        { alert: 'RedisDown', withinMs: 15_000 },
      ],
      quiet: ['RedisDown'],
    };
    expect(problemsOf({ ...valid, alerts })).toEqual([
      expect.stringMatching(/^alerts\.fire\.0\.alert: expected a Prometheus alert name/),
      expect.stringMatching(/^alerts\.fire\.0\.withinMs: /),
      'alerts.quiet.0: alert RedisDown is also expected to fire',
    ]);
  });

  it('accepts alert rule overrides that shorten a `for`, and names a bad one, a bad duration and an alert overridden twice', () => {
    const reason = 'the production for cannot be waited for';
    expect(defineScenario({ ...valid, alertRuleOverrides: [{ alert: 'SharpeRatioLow', for: '3s', reason }] }).alertRuleOverrides).toEqual([
      { alert: 'SharpeRatioLow', for: '3s', reason },
    ]);
    expect(defineScenario(valid).alertRuleOverrides).toEqual([]);
    const alertRuleOverrides = [
      { alert: 'Sharpe Ratio', for: '3s', reason },
      { alert: 'SharpeRatioLow', for: '3 seconds', reason },
      { alert: 'SharpeRatioLow', for: '0s', reason: '' },
    ];
    expect(problemsOf({ ...valid, alertRuleOverrides })).toEqual([
      expect.stringMatching(/^alertRuleOverrides\.0\.alert: expected a Prometheus alert name/),
      'alertRuleOverrides.1.for: expected a Prometheus duration above 0, like "3s" or "1m30s"',
      'alertRuleOverrides.2.for: expected a Prometheus duration above 0, like "3s" or "1m30s"',
      expect.stringMatching(/^alertRuleOverrides\.2\.reason: /),
      'alertRuleOverrides.2.alert: alert SharpeRatioLow is overridden twice',
    ]);
  });

  it('names the field of a bad target', () => {
    expect(problemsOf({ ...valid, targets: { ...valid.targets, detectMs: -5 } })).toEqual([expect.stringMatching(/^targets\.detectMs: /)]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      ...valid,
      id: 'Redis Outage',
      detection: { name: '' },
      remediation: [{ id: 'restart', title: '', run: 'x' }],
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['id', 'detection.name', 'detection.observe', 'remediation.0.id', 'remediation.0.title']),
    );
  });

  it('rejects duplicate step ids, naming the second', () => {
    const step = { id: 'redis.restart', title: 't', run: 'true' };
    expect(problemsOf({ ...valid, remediation: [step, step] })).toEqual(['remediation.1.id: duplicate step id "redis.restart"']);
  });

  it('keeps what a step declares it may touch, and names every malformed service name, empty session name and unknown field at once', () => {
    const touches = { services: ['redis' as const], postgresSessions: ['firedrill-stuck-client'] };
    expect(defineScenario({ ...valid, remediation: [{ id: 'redis.restart', run: 'true', touches }] }).remediation[0]?.touches).toEqual(
      touches,
    );
    // Whether the system has the service is the config's to say, before the run (scenario-names.ts).
    const bad = { services: ['redis', 'Redis Server'], postgresSessions: [''], processes: ['pm2'] };
    const problems = problemsOf({ ...valid, remediation: [{ id: 'redis.restart', run: 'true', touches: bad }] });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        'remediation.0.touches.services.1: expected a kebab-case name, like "order-gateway"',
        'remediation.0.touches.postgresSessions.0: expected an application_name',
        expect.stringMatching(/^remediation\.0\.touches: .*"processes"/),
      ]),
    );
  });

  it('names the scenario and the file that defined it in the message', () => {
    expect(() => defineScenario({ ...valid, faults: [] })).toThrow(
      /Scenario "redis-outage" \(.*define-scenario\.test\.ts.*\) is invalid:\n {2}- faults: /,
    );
  });
});
