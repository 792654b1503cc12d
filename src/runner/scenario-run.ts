import type { Clock } from '../clock/clock.ts';
import type { ProbeContext } from '../probes/probe.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Timeline } from './timeline.ts';

/** What every phase of one scenario run shares. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly probes: ProbeContext;
  readonly clock: Clock;
  readonly timeline: Timeline;
  readonly signal: AbortSignal;
  /** Where runbook steps run (the environment's sandbox). */
  readonly workDir: string;
}
