import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import { GateFirstSequencer } from './gate-first-sequencer.ts';

const root = resolve(import.meta.dirname, '../..');
const project = (name: string, groupOrder: number) => ({ name, config: { root, isolate: true, sequence: { groupOrder } } });
const gate = project('gate', 0);
const cli = project('cli', 0);
const scenarios = project('scenarios', 4);
const spec = (p: ReturnType<typeof project>, file: string) =>
  ({ project: p, moduleId: resolve(root, file) }) as unknown as TestSpecification;
const sequencer = (durations: Record<string, number> = {}) =>
  new GateFirstSequencer({
    cache: {
      getTestSpecificationResult: (s: TestSpecification) =>
        s.moduleId in durations ? { duration: durations[s.moduleId], failed: false } : undefined,
    },
  } as unknown as Vitest);
const names = (specs: TestSpecification[]) => specs.map((s) => `${s.project.name} ${s.moduleId.slice(root.length + 1)}`);

describe('GateFirstSequencer', () => {
  const files = [
    spec(scenarios, 'test/scenarios/crash-loop.scenario.integration.test.ts'),
    spec(scenarios, 'test/scenarios/dr-restore-pitr.scenario.integration.test.ts'),
    spec(cli, 'test/cli/history.cli.test.ts'),
    spec(gate, 'suites/release-gate.test.ts'),
    spec(scenarios, 'test/gameday/gameday.scenario.integration.test.ts'),
    spec(scenarios, 'test/evidence/report-redaction.scenario.integration.test.ts'),
    spec(cli, 'test/runbook/lint-runbook.cli.test.ts'),
  ];

  it('without durations of its own (a clean clone), runs the gate first in its group, then each project longest first by file-seconds.json', async () => {
    // By size (vitest's fallback) gameday and report-redaction, the largest files, would go first, and
    // dr-restore-pitr, the longest (63 s against 41, 30 and 28), would start last.
    expect(names(await sequencer().sort([...files]))).toEqual([
      'gate suites/release-gate.test.ts',
      'cli test/runbook/lint-runbook.cli.test.ts',
      'cli test/cli/history.cli.test.ts',
      'scenarios test/scenarios/dr-restore-pitr.scenario.integration.test.ts',
      'scenarios test/gameday/gameday.scenario.integration.test.ts',
      'scenarios test/scenarios/crash-loop.scenario.integration.test.ts',
      'scenarios test/evidence/report-redaction.scenario.integration.test.ts',
    ]);
  });

  it("with vitest's durations of the last run, orders by those", async () => {
    const durations = Object.fromEntries(files.map((f) => [f.moduleId, f.moduleId.includes('crash-loop') ? 90_000 : 1_000]));
    const sorted = names(await sequencer(durations).sort([...files]));
    expect(sorted[0]).toBe('gate suites/release-gate.test.ts');
    expect(sorted[3]).toBe('scenarios test/scenarios/crash-loop.scenario.integration.test.ts');
  });
});
