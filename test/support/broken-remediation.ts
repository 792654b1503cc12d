/**
 * Every scenario with its remediation broken on purpose, two ways: each step
 * replaced by a no-op (`true`: runs, changes nothing, shows nothing), and by a
 * step that exits non-zero. A fix that does not work must read as *failed*,
 * naming a step, never *errored*, whatever it left broken for the harness.
 *
 * Made cheap: no alert waited for (the gate proves them; here they would only
 * delay the remediation), a 1 s drain, a 2 s overrun, and loki-ingestion-lag's
 * 75 s stall shortened to 15 s with detection at 5 s of lag (its stall is
 * data; with no alert waited for, the steps run soon after that detection,
 * the link still stalled, as in the scenario). The runs go side by side in
 * lanes, each scenario on its own environment, as the gate's do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { scenarios } from '../../scenarios/index.ts';
import {
  acknowledgedOrdersIntegrity,
  ingestionLagAbove,
  localRuntime,
  logLag,
  runScenarios,
  type Scenario,
  type ScenarioResult,
  transient,
} from '../../src/index.ts';

export const brokenSteps = {
  'a no-op': 'true',
  'a step that exits non-zero': 'echo "remediation broken on purpose" >&2; exit 3',
} as const;
export type Breakage = keyof typeof brokenSteps;

export interface BrokenRun {
  readonly scenario: Scenario;
  readonly breakage: Breakage;
  /** Alerts still waited for before the remediation (none by default): an operator paged later finds the system worse. */
  readonly waitFor?: Scenario['alerts']['fire'];
}

/** The scenario, quickened, with every step's command replaced by the breakage's (its id, postcondition and declarations kept). */
export function withBrokenRemediation({ scenario, breakage, waitFor = [] }: BrokenRun): Scenario {
  const quick: Scenario = {
    ...scenario,
    id: `${scenario.id}-${breakage === 'a no-op' ? 'noop' : 'exit'}`,
    alerts: { fire: waitFor, quiet: [] },
    timeouts: { ...scenario.timeouts, overrunMs: 2_000 },
    integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }),
    remediation: scenario.remediation.map((step) => ({ ...step, run: brokenSteps[breakage] })),
  };
  if (scenario.id !== 'loki-ingestion-lag') return quick;
  return {
    ...quick,
    faults: [transient(logLag(), 15_000)],
    detection: ingestionLagAbove(5),
    targets: { ...scenario.targets, detectMs: 15_000 },
  };
}

export const everyBrokenRun: readonly BrokenRun[] = scenarios.flatMap((scenario) =>
  (Object.keys(brokenSteps) as Breakage[]).map((breakage) => ({ scenario, breakage })),
);

/** Runs them in `lanes` side by side (each lane one scenario after another, each on a fresh environment); results in the runs' order. */
export async function runBroken(runs: readonly BrokenRun[], lanes: number, log: (line: string) => void): Promise<ScenarioResult[]> {
  const byLane = Array.from({ length: lanes }, (_, lane) => runs.filter((_, i) => i % lanes === lane));
  const results = await Promise.all(
    byLane.map(async (laneRuns, lane) => {
      if (laneRuns.length === 0) return [];
      const reportDir = await mkdtemp(join(tmpdir(), 'firedrill-broken-'));
      try {
        const { evidence } = await runScenarios(laneRuns.map(withBrokenRemediation), {
          runtime: localRuntime,
          reportDir,
          signal: new AbortController().signal,
          onProgress: (line) => log(`[lane ${lane + 1}] ${line}`),
        });
        return evidence.scenarios;
      } finally {
        await rm(reportDir, { recursive: true, force: true });
      }
    }),
  );
  return runs.map((_, i) => results[i % lanes]![Math.floor(i / lanes)]!);
}

/** Failed, never errored, with a reason naming one of its steps; a step that exits non-zero named with its status and output. */
export function expectFailedNamingAStep(run: BrokenRun, result: ScenarioResult, options: { soft?: boolean } = {}): void {
  const check = options.soft ? expect.soft : expect;
  const label = `${run.scenario.id} with ${run.breakage}`;
  check(result.verdict, `${label}: ${result.reason}`).toBe('failed');
  // A step failed, or its check did ("runbook step "X" …"), or the steps ran and did not restore service ("the runbook's steps (X, Y) …").
  const named = result.reasons.filter((r) => run.scenario.remediation.some((step) => r.includes(step.id)));
  check(named, `${label}: no reason names a step: ${result.reason}`).not.toEqual([]);
  if (run.breakage === 'a step that exits non-zero') {
    const first = run.scenario.remediation[0]!.id;
    check(named.join('\n'), label).toContain(`runbook step "${first}" exited with status 3: remediation broken on purpose`);
  }
}
