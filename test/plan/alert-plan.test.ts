import { describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/plan/alert-plan.ts';
import type { PrometheusAlert } from '../../src/runbook/lint/rule.ts';
import { defineScenario } from '../../src/scenario/define-scenario.ts';
import type { ScenarioInput } from '../../src/scenario/define-scenario.ts';

const probe = { name: 'p', observe: async () => ({ ok: true, detail: '' }) };
const scenario = (alerts: ScenarioInput['alerts'], alertRuleOverrides: ScenarioInput['alertRuleOverrides'] = []) =>
  defineScenario({
    id: 'slow-page',
    title: 't',
    description: 'd',
    workload: { ordersPerSec: 1 },
    targets: { detectMs: 1_000, recoveryMs: 1_000, dataLoss: 0 },
    steadyState: [probe],
    faults: [{ kind: 'k', description: 'd', inject: async () => ({ description: 'd', revert: async () => {} }) }],
    detection: probe,
    remediation: [{ id: 'a.b' }],
    alerts,
    alertRuleOverrides,
    integrity: async () => ({ lost: 0, duplicated: 0, detail: '' }),
  });
const rules: PrometheusAlert[] = [
  { name: 'SlowPage', expr: 'x > 1', forSeconds: 10, file: 'rules.yml', line: 4 },
  { name: 'Instant', expr: 'y > 1', file: 'rules.yml', line: 9 },
];

describe('planAlerts', () => {
  it("an alert given no more than its rule's `for` cannot fire in time: named with the rule and both times", () => {
    const { plan, problems } = planAlerts(scenario({ fire: [{ alert: 'SlowPage', withinMs: 10_000 }], quiet: [] }), rules, 'rules');
    expect(plan.fire).toEqual([{ alert: 'SlowPage', withinMs: 10_000, rule: 'rules.yml:4', forSeconds: 10 }]);
    expect(problems).toEqual([
      'slow-page: alerts.fire[0] expects SlowPage firing within 10000 ms, but its rule (rules.yml:4) holds for 10 s before firing: ' +
        'it cannot fire in time; give the expectation longer, or shorten the rule (alertRuleOverrides)',
    ]);
  });

  it("the scenario's override is the `for` that counts; a rule without `for` fires at once", () => {
    const { plan, problems } = planAlerts(
      scenario(
        {
          fire: [
            { alert: 'SlowPage', withinMs: 10_000 },
            { alert: 'Instant', withinMs: 1 },
          ],
          quiet: [],
        },
        [{ alert: 'SlowPage', for: '3s', reason: 'a drill cannot wait 10 s' }],
      ),
      rules,
      'rules',
    );
    expect(problems).toEqual([]);
    expect(plan.fire[0]).toMatchObject({ forSeconds: 3, override: { for: '3s', reason: 'a drill cannot wait 10 s' } });
    expect(plan.fire[1]).toMatchObject({ forSeconds: 0 });
  });

  it('a quiet alert the rules lack is a problem too: it would stay quiet whatever happened', () => {
    const { problems } = planAlerts(scenario({ fire: [], quiet: ['Instnat'] }), rules, 'rules');
    expect(problems).toEqual([
      'slow-page: alerts.quiet[0] names alert "Instnat", which no rule in rules defines; the rules define: SlowPage, Instant',
    ]);
  });
});
