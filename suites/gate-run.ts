/**
 * The release gate as the test suite runs it on one runtime: the same
 * scenarios as `firedrill run --suite release-gate`, in lanes side by side,
 * each scenario on its own environment (suites.ts says which scenarios go in
 * the later lanes), then the load-sensitive ones alone, one after another.
 * Each lane, and the scenarios run alone, write their own evidence.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { scenarios } from '../scenarios/index.ts';
import { referenceControlsFile } from '../src/controls/controls-for-config.ts';
import { type Controls, controlsOf } from '../src/controls/controls.ts';
import { loadControls } from '../src/controls/load-controls.ts';
import { type Runtime, type RunOutcome, runScenarios, type ScenarioResult } from '../src/index.ts';
import { wallReport } from '../src/reporters/wall-report.ts';
import { allureResultsDir } from '../test/support/allure/allure-reporter.ts';
import { evidenceProblems } from '../test/support/evidence-schema.ts';
import { gateAloneAfterTheLanes, laterGateLanes, suites } from './suites.ts';

export const releaseGate = suites.find((s) => s.name === 'release-gate')!;

export async function runGateSideBySide(runtime: Runtime): Promise<RunOutcome[]> {
  const placed = [...laterGateLanes.flat(), ...gateAloneAfterTheLanes];
  const lanes = [
    releaseGate.scenarioIds.filter((id) => !placed.includes(id)),
    ...laterGateLanes.map((lane) => releaseGate.scenarioIds.filter((id) => lane.includes(id))),
  ].filter((ids) => ids.length > 0);
  const alone = releaseGate.scenarioIds.filter((id) => gateAloneAfterTheLanes.includes(id));
  const started = performance.now();
  const inLanes = await Promise.all(lanes.map((ids, lane) => runGateScenarios(runtime, ids, `${lane + 1}/${lanes.length}`)));
  const outcomes = alone.length > 0 ? [...inLanes, await runGateScenarios(runtime, alone, 'alone')] : inLanes;
  // Issue 17's goal for the gate: its wall within 1.25× its longest scenario. Printed, not asserted (a shared machine).
  const wall = { totalMs: Math.round(performance.now() - started), scenarios: outcomes.flatMap((o) => o.wall.scenarios) };
  const then = alone.length > 0 ? ` (${lanes.length} lanes, then ${alone.join(', ')} alone)` : '';
  console.log(`release gate (${runtime.name}) ${wallReport(wall, lanes.length)}${then}`);
  return outcomes;
}

async function runGateScenarios(runtime: Runtime, ids: readonly string[], label: string): Promise<RunOutcome> {
  const reportDir = await mkdtemp(join(tmpdir(), `firedrill-gate-${runtime.name}-`));
  return runScenarios(
    ids.map((id) => scenarios.find((s) => s.id === id)!),
    {
      runtime,
      reportDir,
      signal: new AbortController().signal,
      onProgress: (line) => console.log(`[${runtime.name} ${label}] ${line}`),
    },
  );
}

/** Every evidence file written follows the schema and names the runtime; together they hold every gate scenario once. */
export async function expectGateEvidence(outcomes: readonly RunOutcome[], runtime: string): Promise<void> {
  for (const outcome of outcomes) {
    const written = JSON.parse(await readFile(join(outcome.reportDir, 'evidence.json'), 'utf8'));
    expect(evidenceProblems(written)).toEqual([]);
    expect(written.runtime).toBe(runtime);
  }
  expect(outcomes.flatMap((o) => o.evidence.scenarios.map((s) => s.id)).sort()).toEqual([...releaseGate.scenarioIds].sort());
}

export function gateResult(outcomes: readonly RunOutcome[], id: string): ScenarioResult | undefined {
  return outcomes.flatMap((o) => o.evidence.scenarios).find((s) => s.id === id);
}

/**
 * Puts the scenario's record into this test's Allure result, before the test asserts anything (FIREDRILL_ALLURE=1;
 * nothing otherwise): its phases as steps, labels for the runtime and the controls it evidences (fixtures/controls.yaml).
 */
export async function reportToAllure(outcomes: readonly RunOutcome[], id: string, runtime: string, controls?: Controls): Promise<void> {
  const result = gateResult(outcomes, id);
  // The setting vitest.config.ts read: off, Allure's modules are not even loaded.
  if (result === undefined || allureResultsDir(process.env.FIREDRILL_ALLURE) === undefined) return;
  const { reportScenarioToAllure } = await import('../test/support/allure/report-scenario.ts');
  const known = controls ?? (await loadControls(referenceControlsFile));
  await reportScenarioToAllure(result, { runtime, controls: controlsOf(known, id) });
}

/** What the release-gate test files assert of every scenario: passed, inside its targets, its expected alerts fired in time, nothing lost. */
export function expectPassedWithinTargets(result: ScenarioResult | undefined, label: string): void {
  expect(result, `${label}: no result`).toBeDefined();
  expect(result!.reason ?? '', `${label}: verdict ${result!.verdict}`).toBe('');
  expect(result!.verdict).toBe('passed');
  expect(result!.measured.detectMs).toBeLessThanOrEqual(result!.targets.detectMs);
  expect(result!.measured.recoveryMs).toBeLessThanOrEqual(result!.targets.recoveryMs);
  if (result!.targets.rollbackMs !== undefined) expect(result!.measured.rollbackMs).toBeLessThanOrEqual(result!.targets.rollbackMs);
  expect(result!.measured.dataLoss).toBe(0);
  expect(result!.measured.duplicates).toBe(0);
  for (const alert of result!.measured.alerts) {
    expect(alert.firedMs, `${label}: ${alert.alert}`).not.toBeNull();
    expect(alert.firedMs!, `${label}: ${alert.alert}`).toBeLessThanOrEqual(alert.withinMs);
    // Alertmanager routed it to the runbook's contacts (PagerDuty schedule or Slack handle).
    expect(alert.notified, `${label}: ${alert.alert} notified`).not.toEqual([]);
  }
}
