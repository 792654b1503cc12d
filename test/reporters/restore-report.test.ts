import { describe, expect, it } from 'vitest';
import { restoreReport } from '../../src/reporters/restore-report.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';

const step = (stepId: string, durationMs: number) => ({
  stepId,
  command: '',
  exitCode: 0,
  timedOut: false,
  stdout: '',
  stderr: '',
  durationMs,
});
const orders = (acknowledged: number, missing: number) => ({ acknowledged, missing });
const restored = {
  id: 'dr-restore',
  targets: { detectMs: 5_000, recoveryMs: 1_800_000, rtoMs: 1_800_000, dataLoss: 0 },
  measured: {
    detectMs: 2_000,
    recoveryMs: 600_000,
    outageMs: 620_000,
    rtoMs: 620_000,
    dataLoss: 0,
    duplicates: 0,
    alerts: [],
    rpo: {
      strategy: 'logical',
      promise: 'every order acknowledged before the backup started',
      before: orders(60, 0),
      during: orders(4, 2),
      after: orders(100, 100),
      restored: orders(50, 0),
      rpoMs: 12_000,
      databaseBytes: 1e9,
      backupMs: 20_000,
      restoreMs: 500_000,
    },
  },
  steps: [step('backup.postgres', 20_000), step('dr.provision', 30_000), step('dr.restore-postgres', 500_000), step('dr.verify', 4_000)],
} as unknown as ScenarioResult;

describe('restoreReport', () => {
  it('says nothing for a run without a restore', () => {
    expect(restoreReport([{ ...restored, measured: { ...restored.measured, rpo: undefined } } as ScenarioResult])).toBeUndefined();
  });

  it('gives the RTO, the recovery point, the step that dominated and the projection from this run', () => {
    const report = restoreReport([restored])!;
    const lines = report.split('\n');
    expect(lines[0]).toMatch(
      /^Disaster recovery \(dr-restore\): RTO 10(\.3)? min \(target 30 min\); recovery point 12 s before the loss \(logical\): 100 of the 100 orders of the loss window lost, 0 of the 60 before it$/,
    );
    expect(lines[2]).toMatch(/^ {2}dr\.restore-postgres took .* this step dominates$/);
    // 1 GB restored in 500 s (2 MB/s) with 120 s fixed: 10 GB takes 5,120 s, over 30 minutes.
    expect(report).toMatch(/RTO ≤ 30 min up to 3\.36 GB/);
    expect(report).toMatch(/10 GB .* OVER 30 min/);
  });
});
