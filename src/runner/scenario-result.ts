/**
 * One scenario's entry in evidence.json, and the only place one is built:
 *
 *   scenarioResult(scenario, outcome)        a scenario that ran (run-scenario.ts)
 *   notRunResult(scenario, verdict, reason)  errored before it could run, or skipped
 *   withEnvironment(result, info)            the environment it ran on (run-scenarios.ts)
 *   withAlertRules(result, rules)            the rules its Prometheus loaded, when the scenario overrode some (run-scenarios.ts)
 *   withTeardownFailure(result, message)     its environment failed to tear down: errored (a failed run stays failed)
 *   withRun(result, run)                     which run of a repeated scenario it was (`--repeat N`, repeat.ts)
 */
import type { GameDayRecord } from '../evidence/game-day-record.ts';
import type { EnvironmentInfo } from '../runtime/runtime.ts';
import type { StepTranscript } from '../runbook/step.ts';
import type { Scenario, Targets } from '../scenario/scenario.ts';
import type { OrderFlowStats } from '../workload/order-flow.ts';
import type { ScenarioLoad } from '../workload/load-multiplier.ts';
import type { ScenarioAlertRules } from './scenario-alert-rules.ts';
import type { RunOfRepeat } from './repeat.ts';
import type { Judgement, Measured, Verdict } from './judge.ts';
import type { CheckOutcome } from './phases/check.ts';
import type { TimelineEvent } from './timeline.ts';

/** One scenario's entry in evidence.json (schema firedrill.evidence/v1). */
export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict;
  /** Why, when not passed: the reasons joined with "; ". */
  readonly reason?: string;
  readonly reasons: readonly string[];
  readonly targets: Targets;
  readonly measured: Measured;
  readonly controls: readonly string[];
  readonly faults: readonly string[];
  readonly steps: readonly StepTranscript[];
  readonly checks: readonly CheckOutcome[];
  readonly integrity?: string;
  readonly workload?: OrderFlowStats;
  /** The order rate asked (the peak times a stress run's multiplier) and the rate sent. */
  readonly load?: ScenarioLoad;
  readonly environment?: EnvironmentInfo;
  /** The alert rules this scenario's Prometheus loaded, when its overrides made them differ from the run's. */
  readonly alertRules?: ScenarioAlertRules;
  /** With `--repeat N`: which of the scenario's N runs this is. */
  readonly run?: RunOfRepeat;
  readonly timeline: readonly TimelineEvent[];
  /** A game day's human record (firedrill gameday): roles, the page, the commands typed, the notes. */
  readonly gameDay?: GameDayRecord;
}

/** What a scenario's run produced, judged. */
export interface ScenarioOutcome {
  readonly judgement: Judgement;
  readonly measured: Measured;
  readonly steps: readonly StepTranscript[];
  readonly checks: readonly CheckOutcome[];
  readonly integrity?: string;
  readonly workload: OrderFlowStats;
  readonly load: ScenarioLoad;
  readonly timeline: readonly TimelineEvent[];
  readonly gameDay?: GameDayRecord;
}

export function scenarioResult(scenario: Scenario, outcome: ScenarioOutcome): ScenarioResult {
  const { verdict, reasons } = outcome.judgement;
  return {
    ...verdictOf(scenario, verdict, reasons),
    measured: outcome.measured,
    ...declared(scenario),
    steps: outcome.steps,
    checks: outcome.checks,
    ...(outcome.integrity ? { integrity: outcome.integrity } : {}),
    workload: outcome.workload,
    load: outcome.load,
    timeline: outcome.timeline,
    ...(outcome.gameDay ? { gameDay: outcome.gameDay } : {}),
  };
}

/** A scenario that never ran: nothing measured, one timeline event `scenario.<verdict>` carrying the reason. */
export function notRunResult(scenario: Scenario, verdict: 'errored' | 'skipped', reason: string, at: Date = new Date()): ScenarioResult {
  return {
    ...verdictOf(scenario, verdict, [reason]),
    measured: { detectMs: null, recoveryMs: null, outageMs: null, dataLoss: null, duplicates: null, alerts: [] },
    ...declared(scenario),
    steps: [],
    checks: [],
    timeline: [{ t: 0, at: at.toISOString(), kind: `scenario.${verdict}`, detail: { reason } }],
  };
}

export function withEnvironment(result: ScenarioResult, environment: EnvironmentInfo): ScenarioResult {
  return { ...result, environment };
}

export function withAlertRules(result: ScenarioResult, alertRules: ScenarioAlertRules | undefined): ScenarioResult {
  return alertRules ? { ...result, alertRules } : result;
}

export function withRun(result: ScenarioResult, run: RunOfRepeat | undefined): ScenarioResult {
  return run ? { ...result, run } : result;
}

/**
 * A run whose environment did not go away cleanly is errored, the failure
 * joining its reasons; but a failed run stays failed: what it found is not
 * replaced by a later harness error.
 */
export function withTeardownFailure(result: ScenarioResult, message: string): ScenarioResult {
  const reasons = [...result.reasons, message];
  return { ...result, verdict: result.verdict === 'failed' ? 'failed' : 'errored', reasons, reason: reasons.join('; ') };
}

function verdictOf(scenario: Scenario, verdict: Verdict, reasons: readonly string[]) {
  return {
    id: scenario.id,
    title: scenario.title,
    verdict,
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
    reasons,
    targets: scenario.targets,
  };
}

function declared(scenario: Scenario) {
  return { controls: scenario.controls, faults: scenario.faults.map((f) => f.description) };
}
