import type { EnvironmentInfo } from '../runtime/runtime.ts';
import type { StepTranscript } from '../runbook/step.ts';
import type { Targets } from '../scenario/scenario.ts';
import type { OrderFlowStats } from '../workload/order-flow.ts';
import type { Measured, Verdict } from './judge.ts';
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
  readonly environment?: EnvironmentInfo;
  readonly timeline: readonly TimelineEvent[];
}
