/**
 * Each control judged from one run's scenario records:
 *
 *   failed       one of its scenarios failed (a finding against the control)
 *   evidenced    none failed and at least one passed
 *   not covered  none ran to a verdict: no scenario evidences it yet, none of
 *                its scenarios was in the run, or they were aborted, errored
 *                or skipped (they prove nothing either way)
 *
 * Pure: the records are evidence.json's scenarios (or anything with an id and
 * a verdict).
 */
import type { Verdict } from '../runner/judge.ts';
import type { Control, Controls } from './controls.ts';

export type ControlStatus = 'evidenced' | 'failed' | 'not covered';

export interface ScenarioRecord {
  readonly id: string;
  readonly verdict: Verdict;
  readonly reason?: string;
}

export interface ControlEvidence {
  readonly control: Control;
  readonly status: ControlStatus;
  /** Why, in a sentence: `2 of 2 scenarios passed`, `no scenario evidences it yet`. */
  readonly why: string;
  /** Its scenarios' records in the run, in the run's order (a repeated scenario once a run). */
  readonly evidence: readonly ScenarioRecord[];
  /** Its scenarios the run did not include. */
  readonly notRun: readonly string[];
}

export function controlStatuses(controls: Controls, records: readonly ScenarioRecord[]): ControlEvidence[] {
  return controls.controls.map((control) => controlEvidence(control, records));
}

function controlEvidence(control: Control, records: readonly ScenarioRecord[]): ControlEvidence {
  const evidence = records
    .filter((record) => control.scenarios.includes(record.id))
    .map(({ id, verdict, reason }) => ({ id, verdict, ...(reason ? { reason } : {}) }));
  const notRun = control.scenarios.filter((id) => !records.some((record) => record.id === id));
  const count = (verdict: Verdict) => evidence.filter((record) => record.verdict === verdict).length;
  const failed = evidence.filter((record) => record.verdict === 'failed').map((record) => record.id);
  const result = (status: ControlStatus, why: string) => ({ control, status, why, evidence, notRun });
  if (failed.length > 0) return result('failed', `${[...new Set(failed)].join(', ')} failed`);
  if (count('passed') > 0) return result('evidenced', `${count('passed')} of ${evidence.length} scenario runs passed`);
  if (control.scenarios.length === 0) return result('not covered', 'no scenario evidences it yet');
  if (evidence.length === 0) return result('not covered', 'none of its scenarios was in this run');
  const verdicts = (['aborted', 'errored', 'skipped'] as const).filter((v) => count(v) > 0).map((v) => `${count(v)} ${v}`);
  return result('not covered', `its scenarios ran without a verdict (${verdicts.join(', ')})`);
}
