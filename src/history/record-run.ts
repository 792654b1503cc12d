/**
 * `firedrill run`'s last act: append the run to the history. Appending never
 * fails a run: the evidence is already written and the exit code decided, so
 * a history that cannot be written (locked by another writer past the busy
 * timeout, not a database, a newer schema) is one warning naming the file and
 * what to do, and the run goes on as if asked for `--no-history`.
 */
import type { Evidence } from '../evidence/evidence.ts';
import { shownPath } from '../shown-path.ts';
import { appendRun } from './append-run.ts';
import { openHistory } from './history-db.ts';
import { runRecord } from './run-record.ts';

/** Answers undefined when appended, else the warning to print. */
export function recordRun(file: string, evidence: Evidence, exitCode: number): string | undefined {
  try {
    using db = openHistory(file);
    appendRun(db, runRecord(evidence, exitCode));
    return undefined;
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    return (
      `warning: run ${evidence.runId} not added to the history ${shownPath(file)} (${why}); its evidence and exit code stand. ` +
      'If another firedrill holds the file, run again later; if it is damaged, move it aside (a new one is started), or pass --no-history'
    );
  }
}
