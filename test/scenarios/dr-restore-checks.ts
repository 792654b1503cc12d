/**
 * dr-restore as shipped, run on one runtime and checked the same way on each:
 * it passes with every step timed, the recovery point accounted order by
 * order, every compared table restored; and two broken restores it must fail,
 * naming why: a backup with bytes flipped (refused by its checksum before
 * anything is restored) and a restore script that silently skips a table
 * (caught by the table comparison, naming the table).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import drRestore, { dumpRestore, restoreFromBackups } from '../../scenarios/dr-restore.ts';
import { loadRunbook } from '../../src/runbook/load-runbook.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import type { Runtime, Scenario } from '../../src/index.ts';
import type { RemediationStep } from '../../src/scenario/scenario.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { runOnce } from './crash-loop-checks.ts';

const opsDir = join(repoRoot, 'fixtures', 'ats', 'ops');

/** The scenario passes on `runtime`, every step in runbook order; `scenario` defaults to dr-restore (a dump), or dr-restore-pitr. */
export function drRestorePasses(runtime: Runtime, timeoutMs: number, scenario: Scenario = drRestore): void {
  const [backupStep, restoreStep] = [scenario.preparation![0]!.id, scenario.remediation[1]!.id];
  it(`passes: ${backupStep} taken, total loss, clean hosts, ${restoreStep}, services started, verified; RTO, RPO and tables measured`, {
    timeout: timeoutMs,
  }, async () => {
    const result = await runOnce(runtime, scenario);
    expect(result.reason ?? '').toBe('');
    expect(result.verdict).toBe('passed');
    const { measured } = result;
    expect(measured.rtoMs).toBe(measured.outageMs);
    expect(measured.rtoMs).toBeLessThanOrEqual(30 * 60_000);
    expect([measured.dataLoss, measured.duplicates]).toEqual([0, 0]);
    // Orders sent after the recovery point, every one of them lost; before it, none. (A dump's loss window is 5 s of
    // orders at 20 a second; the WAL archive's, what was written since its last segment, often none.)
    expect(measured.rpo?.before.missing).toBe(0);
    expect(measured.rpo?.before.acknowledged).toBeGreaterThan(20);
    expect(measured.rpo?.after.missing).toBe(measured.rpo?.after.acknowledged);
    expect(measured.rpo?.restored).toMatchObject({ missing: 0 });
    if (measured.rpo?.strategy === 'logical') expect(measured.rpo.after.acknowledged).toBeGreaterThan(20);
    expect(result.integrity).toMatch(/orders: \d+ rows written before .* in the source, \d+ after the restore, same values/);
    expect(result.integrity).toMatch(/fills: \d+ rows .* same values/);
    expect(result.integrity).toMatch(/ticks: \d+ rows .* same values/);
    // Each step timed, in the order the runbook gives them.
    expect(result.steps.map((s) => [s.stepId, s.exitCode])).toEqual(
      [...scenario.preparation!, ...scenario.remediation].map((step) => [step.id, 0]),
    );
    expect(result.checks.filter((c) => c.name.startsWith('health check')).map((c) => [c.name, c.ok])).toEqual([
      ['health check during the fault (health.check)', true],
      ['health check after recovery (health.check)', true],
    ]);
    expect(result.steps.find((s) => s.stepId === 'dr.provision')?.suite?.parts.map((p) => [p.name, p.ok])).toEqual([
      ['provisioned', true],
      ['postgres empty', true],
      ['redis empty', true],
      ['no service runs', true],
    ]);
  });
}

/**
 * dr-restore for a broken restore, which must fail naming what broke: ServiceDown is not waited for (the run as
 * shipped proves it fires; here it only delayed the steps by 10 s) and the restored orders get 2 s, not 20, to be
 * filled (the skipped fills never come, and what is judged is the table comparison, read after the drain either way).
 */
const brokenRestore: Scenario = { ...restoreFromBackups({ ...dumpRestore, drainMs: 2_000 }), alerts: { fire: [], quiet: [] } };

/** The broken-restore scenario with one remediation step as the runbook has it, `before` (bash) run first in the same shell. */
async function withBefore(runtime: Runtime, stepId: string, before: string): Promise<Scenario> {
  const { runbook } = await loadRunbook();
  const step = toRunbookStep(runbook, stepById(runbook, stepId, runtime.name));
  const remediation = brokenRestore.remediation.map(
    (declared): RemediationStep => (declared.id === stepId ? { ...declared, ...step, run: `${before}\n${step.run}` } : declared),
  );
  return { ...brokenRestore, remediation };
}

export function drRestoreFailsOnBrokenBackups(runtime: Runtime, timeoutMs: number): void {
  it('fails naming the checksum when the dump was corrupted, and naming the table a restore skipped', {
    timeout: timeoutMs,
  }, async () => {
    const mutated = await mkdtemp(join(tmpdir(), 'firedrill-mutated-ops-'));
    try {
      // An operator's "quick fix": the restore leaves out the fills' data and still reports success.
      await cp(opsDir, mutated, { recursive: true });
      const script = join(mutated, 'restore-postgres.sh');
      const text = await readFile(script, 'utf8');
      const skipping = text.replace(
        'pg_restore --no-password --clean',
        'pg_restore --list -- "$file" | grep -v " TABLE DATA public fills " > "$file.list"\npg_restore --use-list="$file.list" --no-password --clean',
      );
      expect(skipping).not.toBe(text);
      await writeFile(script, skipping);
      // Bytes flipped in the middle of the newest dump, after its checksum was written.
      const flip =
        'dump=$(find "$BACKUP_DIR" -maxdepth 1 -name "$PGDATABASE-*.dump" | sort | tail -n 1)\n' +
        'size=$(stat -c %s "$dump")\n' +
        'printf "\\xde\\xad\\xbe\\xef" | dd of="$dump" bs=1 seek=$((size / 2)) conv=notrunc status=none';
      const [corrupted, skipped] = await Promise.all([
        withBefore(runtime, 'dr.restore-postgres', flip).then((scenario) => runOnce(runtime, scenario)),
        withBefore(runtime, 'dr.restore-postgres', `export ATS_OPS_DIR=${mutated}`).then((scenario) => runOnce(runtime, scenario)),
      ]);
      expect(corrupted.verdict).toBe('failed');
      expect(corrupted.reason).toMatch(
        /runbook step "dr\.restore-postgres" .*it exited 1: restore-postgres\.sh: FAILED: checksum mismatch for .*\.dump/,
      );
      expect(skipped.verdict).toBe('failed');
      expect(skipped.reason).toMatch(
        /restored data differs from the source: fills: \d+ rows written before .* in the source, 0 after the restore/,
      );
      expect(skipped.reason).not.toMatch(/differs from the source: (orders|ticks)/);
    } finally {
      await rm(mutated, { recursive: true, force: true });
    }
  });
}
