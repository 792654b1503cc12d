import { describe, expect, it } from 'vitest';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { defineScenario } from '../../src/scenario/define-scenario.ts';

const probe = (name: string) => ({ name, observe: async () => ({ ok: false, detail: name }) });

describe('bindToRunbook', () => {
  it('keeps what the scenario adds to a runbook step: timeout, postcondition, onlyIf, observe', async () => {
    const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
    const onlyIf = probe('extension timescaledb is installed');
    const observe = [probe('max_connections in effect')];
    const postcondition = { probe: probe('app role accepted'), withinMs: 5000 };
    const scenario = defineScenario({
      id: 'bind-test',
      title: 't',
      description: 'd',
      workload: { ordersPerSec: 1 },
      targets: { detectMs: 1, recoveryMs: 1, dataLoss: 0 },
      steadyState: [probe('s')],
      faults: [{ kind: 'k', description: 'd', inject: async () => ({ description: 'd', revert: async () => {} }) }],
      detection: probe('d'),
      remediation: [
        { id: 'db.raise-max-connections', observe, timeoutMs: 9000 },
        { id: 'db.terminate-stuck', postcondition },
        { id: 'db.timescale-check', onlyIf },
      ],
      integrity: async () => ({ lost: 0, duplicated: 0, detail: '' }),
    });
    const [bound] = bindToRunbook([scenario], runbook, 'local');
    expect(
      bound!.remediation.map((s) => [s.id, s.run?.toString().includes('psql'), s.timeoutMs, s.observe, s.postcondition, s.onlyIf]),
    ).toEqual([
      ['db.raise-max-connections', true, 9000, observe, undefined, undefined],
      ['db.terminate-stuck', true, 15_000, undefined, postcondition, undefined],
      ['db.timescale-check', true, 15_000, undefined, undefined, onlyIf],
    ]);
  });
});
