import type { Verdict } from '../runner/judge.ts';
import type { MeasurementRecord } from './run-record.ts';

/** One scenario's run as read back from the history, for its trend. */
export interface ScenarioRun {
  /** The run's position in the history (the order runs were appended). */
  readonly seq: number;
  readonly runId: string;
  readonly startedAt: string;
  readonly verdict: Verdict;
  readonly measurements: readonly MeasurementRecord[];
}
