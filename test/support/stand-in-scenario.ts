import { defineScenario, type ScenarioInput } from '../../src/scenario/define-scenario.ts';

const holds = { name: 'holds', observe: async () => ({ ok: true, detail: 'holds' }) };

/** A scenario in which nothing breaks: its probes always hold, its fault and its step do nothing. For tests of what surrounds a run. */
export function standInScenario(overrides: Partial<ScenarioInput> = {}) {
  return defineScenario({
    id: 'stand-in',
    title: 'stand-in',
    description: 'd',
    workload: { ordersPerSec: 5 },
    targets: { detectMs: 5000, recoveryMs: 5000, dataLoss: 0 },
    steadyState: [holds],
    faults: [{ kind: 'test.none', description: 'nothing', inject: async () => ({ description: 'nothing', revert: async () => {} }) }],
    detection: holds,
    remediation: [{ id: 'stand-in.fix', run: 'true' }],
    integrity: async () => ({ lost: 0, duplicated: 0, detail: 'none lost' }),
    hold: { steadyStateMs: 0, recoveryMs: 0 },
    ...overrides,
  });
}
