/**
 * The crash-loop scenario as shipped, run on one runtime and checked the same
 * way on each: it passes, the storm seen from the supervisor's own restart
 * count (PM2's, the engine's), ServiceDown paged, the runbook's stop step
 * leaving the gateway held stopped, its log naming the refused setting and
 * the line that set it, every step touching only what it declares.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import crashLoop from '../../scenarios/crash-loop.ts';
import { type Runtime, runScenarios, type ScenarioResult } from '../../src/index.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

/** One run of `scenario` on `runtime`, its evidence checked against the schema; the report dir removed after. */
export async function runOnce(runtime: Runtime, scenario = crashLoop): Promise<ScenarioResult> {
  const dir = await mkdtemp(join(tmpdir(), `firedrill-${scenario.id}-`));
  try {
    const started = performance.now();
    const { evidence } = await runScenarios([scenario], { runtime, reportDir: dir, signal: new AbortController().signal });
    expect(evidenceProblems(JSON.parse(await readFile(join(dir, 'latest', 'evidence.json'), 'utf8'))), scenario.id).toEqual([]);
    const result = evidence.scenarios[0]!;
    console.log(
      `${scenario.id} on ${runtime.name}: ${Math.round(performance.now() - started)} ms`,
      result.verdict,
      result.measured,
      result.reasons,
      result.integrity ?? '(no integrity detail)',
    );
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the supervisor says when stopped: PM2's describe table, or the engine's inspect line. */
const heldStopped = { local: /\bstatus\s*│[^│\n]*stopped/, docker: /^status=exited restarts=\d+ exit=\d+$/m } as const;

export function crashLoopPasses(runtime: Runtime, timeoutMs: number): void {
  it('passes: the storm seen in the restart count, ServiceDown paged, the runbook stops it, rolls the push back, restores trading', {
    timeout: timeoutMs,
  }, async () => {
    const result = await runOnce(runtime);
    expect(result.reason ?? '').toBe('');
    expect(result.verdict).toBe('passed');
    const { measured } = result;
    expect(measured.detectMs).toBeLessThanOrEqual(15_000);
    expect(measured.recoveryMs).toBeLessThanOrEqual(30_000);
    expect([measured.dataLoss, measured.duplicates]).toEqual([0, 0]);
    expect(measured.alerts).toEqual([
      expect.objectContaining({ alert: 'ServiceDown', labels: { job: 'order-gateway' }, notified: ['pagerduty P7X2K9Q'] }),
    ]);
    const detected = result.timeline.find((e) => e.kind === 'detection.signal');
    expect(detected?.detail.observed).toMatch(
      /^order-gateway restarted [3-9]\d* times in \d+\.\d s \(\d+ a minute\); its supervisor says [a-z ]+, \d+ restarts in all$/,
    );
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['health check during the fault (health.check)', true],
      ['runbook step "crash-loop.stop" touched only what it declares', true],
      ['runbook step "crash-loop.why" touched only what it declares', true],
      ['runbook step "crash-loop.restore-config" touched only what it declares', true],
      ['runbook step "crash-loop.start" touched only what it declares', true],
      ['health check after recovery (health.check)', true],
      ['crash-loop.why shows why the gateway dies: the refused setting, and the file and line that set it', true],
    ]);
    const stdout = (id: string) => result.steps.find((s) => s.stepId === id)?.stdout ?? '';
    expect(stdout('crash-loop.stop')).toMatch(heldStopped[runtime.name]);
    expect(stdout('crash-loop.restore-config')).toMatch(/^\+RATE_LIMIT_PER_SEC=50\/s$/m);
    expect(stdout('crash-loop.start')).toMatch(/\norder-gateway ready$/);
  });
}
