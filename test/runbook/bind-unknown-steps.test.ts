import { describe, expect, it } from 'vitest';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { parseRunbook } from '../../src/runbook/parse.ts';
import { RunbookError } from '../../src/runbook/runbook-error.ts';
import { defineScenario, type ScenarioInput } from '../../src/scenario/define-scenario.ts';

const probe = { name: 'p', observe: async () => ({ ok: true, detail: '' }) };
const scenario = (id: string, remediation: ScenarioInput['remediation']) =>
  defineScenario({
    id,
    title: 't',
    description: 'd',
    workload: { ordersPerSec: 1 },
    targets: { detectMs: 1, recoveryMs: 1, dataLoss: 0 },
    steadyState: [probe],
    faults: [{ kind: 'k', description: 'd', inject: async () => ({ description: 'd', revert: async () => {} }) }],
    detection: probe,
    remediation,
    integrity: async () => ({ lost: 0, duplicated: 0, detail: '' }),
  });
const runbook = parseRunbook('# R\n\n## Redis\n\n```bash {id=redis.restart}\nredis-server\n```\n', 'RUNBOOK.md');

describe('bindToRunbook', () => {
  it('reports every step the runbook lacks, across scenarios, naming each scenario, before anything runs', () => {
    const bind = () =>
      bindToRunbook(
        [scenario('redis-outage', [{ id: 'redis.restart' }, { id: 'redis.flush' }]), scenario('pg-outage', [{ id: 'db.restart' }])],
        runbook,
        'local',
      );
    expect(bind).toThrow(RunbookError);
    expect(bind).toThrow(
      [
        'RUNBOOK.md: scenario "redis-outage" remediation[1]: step "redis.flush" not found; known ids: redis.restart',
        'RUNBOOK.md: scenario "pg-outage" remediation[0]: step "db.restart" not found; known ids: redis.restart',
      ].join('\n'),
    );
  });

  it("keeps a scenario's inline command over the runbook's", () => {
    const [bound] = bindToRunbook([scenario('broken-step', [{ id: 'redis.restart', run: 'exit 1' }])], runbook, 'local');
    expect(bound?.remediation[0]?.run).toBe('exit 1');
  });
});
