/**
 * A finding's status across runs (DORA Art. 24: findings are followed until
 * a retest shows them resolved), judged from the scenario's runs since the
 * finding was last seen (skipped runs not counted):
 *
 *   open      no passed run of the scenario since it was last seen (also while the scenario keeps failing for other
 *             reasons, or is aborted or errored: the fix is not shown until the scenario passes)
 *   fixed     exactly one passed run since
 *   retested  two or more passed runs since
 *
 * A finding seen again goes back to open: its last seen moves to that run.
 * read-history.ts counts the runs; this file judges them.
 */

export type FindingStatus = 'open' | 'fixed' | 'retested';

/** Open first: the order lists show them in. */
export const statusOrder: Readonly<Record<FindingStatus, number>> = { open: 0, fixed: 1, retested: 2 };

export interface Sighting {
  /** The run's position in the history. */
  readonly seq: number;
  readonly runId: string;
  readonly startedAt: string;
}

/** A finding as the history holds it: where it was seen, and what its scenario did since. */
export interface StoredFinding {
  readonly scenarioId: string;
  /** finding-key.ts. */
  readonly key: string;
  /** The reason as the latest run that had it worded it. */
  readonly reason: string;
  readonly firstSeen: Sighting;
  readonly lastSeen: Sighting;
  /** Runs the scenario failed with this finding. */
  readonly occurrences: number;
  /** The scenario's runs since it was last seen (skipped ones not counted), and how many of them passed. */
  readonly runsSince: number;
  readonly passesSince: number;
}

export interface FindingHistory extends StoredFinding {
  readonly status: FindingStatus;
}

export function findingStatus(passesSince: number): FindingStatus {
  if (passesSince === 0) return 'open';
  return passesSince === 1 ? 'fixed' : 'retested';
}

export function findingHistory(finding: StoredFinding): FindingHistory {
  return { ...finding, status: findingStatus(finding.passesSince) };
}
